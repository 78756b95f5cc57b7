import { type Actor, asUser } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";
import { clinicListsNumber } from "./find-duplicate-number";
import { alreadyInYourList, type PhoneNumberJson, toPhoneNumberJson, withNumberFreeElsewhere } from "./phone-number-json";
import type { AddPhoneNumberInput } from "./schemas";

/**
 * Admin or owner. Already in this clinic's list → 409 "already in your list"; active at
 * another clinic → 409 "already registered" (which clinic is never said).
 */
export async function addPhoneNumber(actor: Actor, input: AddPhoneNumberInput): Promise<PhoneNumberJson> {
  const { userId, organisationId } = actor;
  const row = await withNumberFreeElsewhere(() =>
    asUser(actor, async (tx) => {
      if (await clinicListsNumber(tx, organisationId, input.phone_number)) throw alreadyInYourList();
      const [inserted] = await tx
        .insert(phoneNumbers)
        .values({
          organisationId,
          userId,
          phoneNumber: input.phone_number,
          label: input.label,
          isActive: input.is_active,
          vapiPhoneNumberId: input.vapi_phone_number_id,
        })
        .returning();
      return inserted!;
    }),
  );
  return toPhoneNumberJson(row);
}
