import { z } from "zod";
import { smsConsentStates } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { Uuid } from "@/server/organisations/schemas";

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** GET /api/patients */
export const PatientsQuery = z.object({
  /** Part of a name or of the number. */
  q: z.preprocess(blankAsUndefined, z.string().trim().max(100, { message: "Search for at most 100 characters." }).optional()),
  limit: z.preprocess(
    blankAsUndefined,
    z.coerce.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(1).max(100).default(25),
  ),
  cursor: z.preprocess(blankAsUndefined, z.string().max(400).optional()),
});
export type PatientsQuery = z.output<typeof PatientsQuery>;

/** PATCH /api/patients/:id: any of the fields staff may change. */
export const UpdatePatientInput = z
  .object({
    name: z.string().trim().max(120, { message: "At most 120 characters." }).nullable().optional(),
    notes: z.string().trim().max(4000, { message: "At most 4,000 characters." }).nullable().optional(),
    preferred_language: z.enum(["en", "ru"], { message: "must be en or ru" }).nullable().optional(),
    sms_consent: z.enum(smsConsentStates, { message: `must be one of ${smsConsentStates.join(", ")}` }).optional(),
  })
  .strict();
export type UpdatePatientInput = z.output<typeof UpdatePatientInput>;

export const patientNotFound = () => new DomainError("not_found", "There is no such patient in this clinic.");

/** The :id of a patient route; anything that is not a UUID is a patient that does not exist. */
export function patientIdParam(params: Record<string, string>): string {
  const parsed = Uuid.safeParse(params.id);
  if (!parsed.success) throw patientNotFound();
  return parsed.data;
}
