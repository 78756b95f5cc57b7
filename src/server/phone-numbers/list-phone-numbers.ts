import { asc, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";
import { type PhoneNumberJson, toPhoneNumberJson } from "./phone-number-json";

export async function listPhoneNumbers(actor: Actor): Promise<PhoneNumberJson[]> {
  const { organisationId } = actor;
  const rows = await asUser(actor, (tx) =>
    tx
      .select()
      .from(phoneNumbers)
      .where(eq(phoneNumbers.organisationId, organisationId))
      .orderBy(asc(phoneNumbers.createdAt), asc(phoneNumbers.id)),
  );
  return rows.map(toPhoneNumberJson);
}
