import { asc, eq } from "drizzle-orm";
import { asUser } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";
import { toPhoneNumberJson, type PhoneNumberJson } from "./phone-number-json";

export async function listPhoneNumbers(userId: string, organisationId: string): Promise<PhoneNumberJson[]> {
  const rows = await asUser({ userId, organisationId }, (tx) =>
    tx
      .select()
      .from(phoneNumbers)
      .where(eq(phoneNumbers.organisationId, organisationId))
      .orderBy(asc(phoneNumbers.createdAt), asc(phoneNumbers.id)),
  );
  return rows.map(toPhoneNumberJson);
}
