import { pgErrorOf } from "@/server/db/postgres-error";
import type { phoneNumbers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";

export interface PhoneNumberJson {
  id: string;
  phone_number: string;
  label: string | null;
  is_active: boolean;
  vapi_phone_number_id: string | null;
  created_at: string;
  updated_at: string;
}

export function toPhoneNumberJson(row: typeof phoneNumbers.$inferSelect): PhoneNumberJson {
  return {
    id: row.id,
    phone_number: row.phoneNumber,
    label: row.label,
    is_active: row.isActive,
    vapi_phone_number_id: row.vapiPhoneNumberId,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const phoneNumberNotFound = () => new DomainError("not_found", "There is no such phone number in this clinic.");

export const alreadyInYourList = () =>
  new DomainError("conflict", "This number is already in your list.", {
    fields: [{ path: "phone_number", message: "is already in your list" }],
  });

/**
 * Runs a write. The active-number index spans every clinic, and RLS hides the other clinic's
 * row, so a 23505 here means another clinic has the number active: say so without naming it.
 */
export async function withNumberFreeElsewhere<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const pg = pgErrorOf(error);
    if (pg?.code === "23505" && (!pg.constraint || pg.constraint === "phone_numbers_active_number_key")) {
      throw new DomainError(
        "conflict",
        "This number is already registered with Clinicall by another clinic. If it is yours, contact support.",
        { fields: [{ path: "phone_number", message: "is already registered" }] },
      );
    }
    throw error;
  }
}
