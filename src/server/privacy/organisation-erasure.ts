import { sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asService, asUser } from "@/server/db/access";
import { DomainError } from "@/server/errors";
import { log } from "@/server/log";
import { setDeletionReason } from "./provider-deletion-requests";

/** Days between an owner's request and the erasure itself, during which it can be undone. */
const ERASURE_GRACE_DAYS = 30;

export const OrganisationErasureInput = z.object({
  confirmation: z
    .string({ message: "Type the clinic's name to confirm." })
    .max(300, { message: "Type the clinic's name to confirm." })
    .refine((value) => !value.includes("\u0000"), { message: "Type the clinic's name to confirm." }),
});

/**
 * POST /api/privacy/erasure (owners): schedules the erasure of the whole organisation in 30 days,
 * once the clinic's exact name is typed. Asking again while one is pending keeps its date.
 * public.request_organisation_erasure checks the owner and the name in the database.
 */
export async function requestOrganisationErasure(actor: Actor, confirmation: string): Promise<{ due_at: string }> {
  try {
    const due = await asUser(actor, async (tx) => {
      const { rows } = await tx.execute(sql`select public.request_organisation_erasure(${confirmation}, ${ERASURE_GRACE_DAYS}) as due`);
      const dueAt = rows[0]?.due;
      await recordAudit(tx, {
        action: "organisation.erasure_requested",
        objectType: "organisation",
        objectId: actor.organisationId,
        details: { due_at: dueAt instanceof Date ? dueAt.toISOString() : String(dueAt) },
      });
      return dueAt;
    });
    return { due_at: new Date(String(due instanceof Date ? due.toISOString() : due)).toISOString() };
  } catch (error) {
    if ((error as { code?: string }).code === "22023" || (error as { cause?: { code?: string } }).cause?.code === "22023") {
      throw new DomainError("invalid_input", "The name typed does not match the clinic's name.", {
        fields: [{ path: "confirmation", message: "Type the clinic's name exactly as it is shown." }],
      });
    }
    throw error;
  }
}

/** DELETE /api/privacy/erasure (owners): undoes a pending erasure; not_found when none is pending. */
export async function cancelOrganisationErasure(actor: Actor): Promise<void> {
  const cancelled = await asUser(actor, async (tx) => {
    const { rows } = await tx.execute(sql`select public.cancel_organisation_erasure() as cancelled`);
    const done = rows[0]?.cancelled === true;
    if (done)
      await recordAudit(tx, { action: "organisation.erasure_cancelled", objectType: "organisation", objectId: actor.organisationId });
    return done;
  });
  if (!cancelled) throw new DomainError("not_found", "No erasure of this clinic is pending.");
}

/**
 * Service path (the privacy.housekeeping job): erases every organisation whose grace has passed, one
 * transaction each (private.erase_organisation deletes every table's rows, found in the catalog).
 * Returns the ids erased. Idempotent: an organisation already gone is not found again.
 */
export async function eraseDueOrganisations(now: Date): Promise<string[]> {
  const due = await asService(async (tx) => {
    const { rows } = await tx.execute(sql`
      select id from public.organisations
      where erasure_due_at is not null and erasure_due_at <= ${now.toISOString()}::timestamptz
      order by erasure_due_at limit 100`);
    return rows.map((row) => String(row.id));
  });
  const erased: string[] = [];
  for (const organisationId of due) {
    const done = await asService(async (tx) => {
      // Twilio's and Vapi's copies of its calls are requested for deletion by the rows' triggers.
      await setDeletionReason(tx, "organisation_erasure");
      const { rows } = await tx.execute(
        sql`select private.erase_organisation(${organisationId}::uuid, ${now.toISOString()}::timestamptz) as erased`,
      );
      return rows[0]?.erased === true;
    });
    if (done) {
      erased.push(organisationId);
      log.info({ organisationId }, "organisation erased after its grace period");
    }
  }
  return erased;
}
