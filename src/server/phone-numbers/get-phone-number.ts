import { and, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";
import { type PhoneNumberJson, phoneNumberNotFound, toPhoneNumberJson } from "./phone-number-json";

export async function getPhoneNumber(actor: Actor, id: string): Promise<PhoneNumberJson> {
  const { organisationId } = actor;
  const [row] = await asUser(actor, (tx) =>
    tx
      .select()
      .from(phoneNumbers)
      .where(and(eq(phoneNumbers.id, id), eq(phoneNumbers.organisationId, organisationId))),
  );
  if (!row) throw phoneNumberNotFound();
  return toPhoneNumberJson(row);
}
