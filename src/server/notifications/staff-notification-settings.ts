import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser, type Db } from "@/server/db/access";
import { callRouting, organisations } from "@/server/db/schema";

/** GET/PUT /api/staff-notifications: the clinic's quiet hours for staff notifications (decision 020). */

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const LocalTime = z.string({ message: "must be a time such as 21:00" }).regex(HHMM, { message: "must be a time such as 21:00" });

export const StaffNotificationSettingsInput = z
  .object({
    quiet_hours: z
      .object({ start: LocalTime, end: LocalTime })
      .strict()
      .refine((value) => value.start !== value.end, { message: "must start and end at different times", path: ["end"] })
      .nullable(),
  })
  .strict();
export type StaffNotificationSettingsInput = z.infer<typeof StaffNotificationSettingsInput>;

export interface StaffNotificationSettingsJson {
  /** Local times in the clinic's zone; null: notifications go out at any hour. */
  quiet_hours: { start: string; end: string } | null;
  timezone: string;
  /** How staff texts are sent: the clinic's Messaging Service, else its phone number (or not at all). */
  sms_sender: "messaging_service" | "phone_number" | "none";
}

async function read(tx: Db, organisationId: string): Promise<StaffNotificationSettingsJson> {
  const [row] = await tx
    .select({
      timezone: organisations.timezone,
      service: organisations.smsMessagingServiceSid,
      start: callRouting.notifyQuietStart,
      end: callRouting.notifyQuietEnd,
    })
    .from(organisations)
    .leftJoin(callRouting, eq(callRouting.organisationId, organisations.id))
    .where(eq(organisations.id, organisationId));
  const { rows } = await tx.execute(
    sql`select 1 from public.phone_numbers where organisation_id = ${organisationId} and is_active limit 1`,
  );
  return {
    quiet_hours: row?.start && row.end ? { start: row.start.slice(0, 5), end: row.end.slice(0, 5) } : null,
    timezone: row?.timezone ?? "UTC",
    sms_sender: row?.service ? "messaging_service" : rows.length > 0 ? "phone_number" : "none",
  };
}

/** Any member. */
export function getStaffNotificationSettings(actor: Actor): Promise<StaffNotificationSettingsJson> {
  return asUser(actor, (tx) => read(tx, actor.organisationId));
}

/**
 * Admin or owner (call_routing's policies). Creates the clinic's routing row with its defaults if
 * missing. A change is in the audit log as a routing change naming `staff_quiet_hours`.
 */
export function saveStaffNotificationSettings(actor: Actor, input: StaffNotificationSettingsInput): Promise<StaffNotificationSettingsJson> {
  const values = { notifyQuietStart: input.quiet_hours?.start ?? null, notifyQuietEnd: input.quiet_hours?.end ?? null };
  return asUser(actor, async (tx) => {
    const [before] = await tx
      .select({ start: callRouting.notifyQuietStart, end: callRouting.notifyQuietEnd })
      .from(callRouting)
      .where(eq(callRouting.organisationId, actor.organisationId))
      .for("update");
    await tx
      .insert(callRouting)
      .values({ organisationId: actor.organisationId, ...values })
      .onConflictDoUpdate({ target: callRouting.organisationId, set: values });
    const hhmm = (time: string | null | undefined) => time?.slice(0, 5) ?? null;
    if (hhmm(before?.start) !== values.notifyQuietStart || hhmm(before?.end) !== values.notifyQuietEnd) {
      await recordAudit(tx, { action: "settings.routing_changed", objectType: "call_routing", details: { fields: ["staff_quiet_hours"] } });
    }
    return read(tx, actor.organisationId);
  });
}
