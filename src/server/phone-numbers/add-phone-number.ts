import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser, type Db } from "@/server/db/access";
import { organisations, phoneNumbers } from "@/server/db/schema";
import { guessTimeZone } from "@/server/organisations/guess-time-zone";
import { countryOf } from "@/shared/phone-number";
import type { AddPhoneNumberInput } from "@/shared/schemas/phone-numbers";
import { clinicListsNumber } from "./find-duplicate-number";
import { alreadyInYourList, type PhoneNumberJson, toPhoneNumberJson, withNumberFreeElsewhere } from "./phone-number-json";

/**
 * Admin or owner. Already in this clinic's list → 409 "already in your list"; active at
 * another clinic → 409 "already registered" (which clinic is never said). The clinic's first
 * number refines its time zone while nobody has confirmed it yet (see guessTimeZone).
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
      await guessZoneFromFirstNumber(tx, organisationId, input.phone_number);
      await recordAudit(tx, {
        action: "phone_number.added",
        objectType: "phone_number",
        objectId: inserted!.id,
        details: { phone_number: input.phone_number, label: input.label ?? null, is_active: input.is_active },
      });
      return inserted!;
    }),
  );
  return toPhoneNumberJson(row);
}

async function guessZoneFromFirstNumber(tx: Db, organisationId: string, e164: string): Promise<void> {
  const country = countryOf(e164);
  if (!country) return;
  const numbers = await tx
    .select({ id: phoneNumbers.id })
    .from(phoneNumbers)
    .where(eq(phoneNumbers.organisationId, organisationId))
    .limit(2);
  if (numbers.length !== 1) return;
  const [clinic] = await tx
    .select({ timezone: organisations.timezone })
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), isNull(organisations.timezoneConfirmedAt)));
  if (!clinic) return;
  const timezone = guessTimeZone({ country, browserZone: clinic.timezone });
  if (timezone !== clinic.timezone) await tx.update(organisations).set({ timezone }).where(eq(organisations.id, organisationId));
}
