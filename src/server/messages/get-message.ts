import { sql } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { type MessageJson, messageJoins, messageNotFound, messageSelect, toMessageJson } from "./message-json";

/** One message; another clinic's id or an unknown one → 404 (RLS hides it; the query filters too). */
export async function getMessage(actor: Actor, messageId: string): Promise<MessageJson> {
  const { rows } = await asUser(actor, (tx) =>
    tx.execute(
      sql`select ${messageSelect} from public.messages m ${messageJoins}
          where m.id = ${messageId} and m.organisation_id = ${actor.organisationId}`,
    ),
  );
  const row = rows[0];
  if (!row) throw messageNotFound();
  return toMessageJson(row);
}
