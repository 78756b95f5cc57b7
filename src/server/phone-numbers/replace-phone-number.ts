import { and, eq } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";
import type { ReplacePhoneNumberInput } from "@/shared/schemas/phone-numbers";
import { clinicListsNumber } from "./find-duplicate-number";
import {
  alreadyInYourList,
  type PhoneNumberJson,
  phoneNumberNotFound,
  toPhoneNumberJson,
  withNumberFreeElsewhere,
} from "./phone-number-json";

/** Admin or owner. Activating a number another clinic has active → 409 "already registered". */
export async function replacePhoneNumber(actor: Actor, id: string, input: ReplacePhoneNumberInput): Promise<PhoneNumberJson> {
  const { organisationId } = actor;
  const row = await withNumberFreeElsewhere(() =>
    asUser(actor, async (tx) => {
      const owned = and(eq(phoneNumbers.id, id), eq(phoneNumbers.organisationId, organisationId));
      const [existing] = await tx.select({ id: phoneNumbers.id }).from(phoneNumbers).where(owned);
      if (!existing) throw phoneNumberNotFound();
      if (await clinicListsNumber(tx, organisationId, input.phone_number, id)) throw alreadyInYourList();
      const [updated] = await tx
        .update(phoneNumbers)
        .set({
          phoneNumber: input.phone_number,
          label: input.label,
          isActive: input.is_active,
          vapiPhoneNumberId: input.vapi_phone_number_id,
        })
        .where(owned)
        .returning();
      if (!updated) throw phoneNumberNotFound();
      await recordAudit(tx, {
        action: "phone_number.updated",
        objectType: "phone_number",
        objectId: updated.id,
        details: { phone_number: input.phone_number, label: input.label ?? null, is_active: input.is_active },
      });
      return updated;
    }),
  );
  return toPhoneNumberJson(row);
}
