import { and, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";
import { phoneNumberNotFound } from "./phone-number-json";

/** Admin or owner. Past calls keep their record; their link to the number is cleared. */
export async function deletePhoneNumber(actor: Actor, id: string): Promise<void> {
  const { organisationId } = actor;
  const deleted = await asUser(actor, (tx) =>
    tx
      .delete(phoneNumbers)
      .where(and(eq(phoneNumbers.id, id), eq(phoneNumbers.organisationId, organisationId)))
      .returning({ id: phoneNumbers.id }),
  );
  if (deleted.length === 0) throw phoneNumberNotFound();
}
