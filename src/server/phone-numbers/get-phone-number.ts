import { and, eq } from "drizzle-orm";
import { asUser } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";
import { phoneNumberNotFound, toPhoneNumberJson, type PhoneNumberJson } from "./phone-number-json";

export async function getPhoneNumber(userId: string, organisationId: string, id: string): Promise<PhoneNumberJson> {
  const [row] = await asUser({ userId, organisationId }, (tx) =>
    tx
      .select()
      .from(phoneNumbers)
      .where(and(eq(phoneNumbers.id, id), eq(phoneNumbers.organisationId, organisationId))),
  );
  if (!row) throw phoneNumberNotFound();
  return toPhoneNumberJson(row);
}
