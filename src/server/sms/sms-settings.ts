import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { organisations, type SmsTemplateOverrides } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { defaultTemplates, templateProblem } from "./sms-text";

export interface SmsSettingsJson {
  enabled: boolean;
  messaging_service_sid: string | null;
  quiet_hours: { start: string; end: string };
  reminder_offsets_minutes: number[];
  templates: SmsTemplateOverrides;
  default_templates: typeof defaultTemplates;
}

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "must be a time like 21:00" });
const TemplateText = z
  .string()
  .trim()
  .max(480)
  .superRefine((value, ctx) => {
    const problem = templateProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const kinds = ["confirmation", "change", "cancellation", "reminder", "confirmed_reply"] as const;

/** PUT /api/sms-settings (admins). */
export const SmsSettingsInput = z
  .object({
    enabled: z.boolean(),
    messaging_service_sid: z
      .string()
      .trim()
      .regex(/^MG[0-9a-f]{32}$/, { message: "must be a Messaging Service SID: MG followed by 32 hex digits" })
      .nullable(),
    quiet_hours: z.object({ start: HHMM, end: HHMM }).strict(),
    reminder_offsets_minutes: z.array(z.number().int().min(5).max(20160)).max(4),
    templates: z.partialRecord(z.enum(kinds), z.object({ en: TemplateText.optional(), ru: TemplateText.optional() }).strict()).default({}),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.enabled && !value.messaging_service_sid) {
      ctx.addIssue({ code: "custom", path: ["messaging_service_sid"], message: "is needed to turn text messages on" });
    }
  });
export type SmsSettingsInput = z.output<typeof SmsSettingsInput>;

const columns = {
  enabled: organisations.smsEnabled,
  service: organisations.smsMessagingServiceSid,
  start: organisations.smsQuietHoursStart,
  end: organisations.smsQuietHoursEnd,
  offsets: organisations.smsReminderOffsetsMinutes,
  templates: organisations.smsTemplates,
};

function toJson(row: {
  enabled: boolean;
  service: string | null;
  start: string;
  end: string;
  offsets: number[];
  templates: SmsTemplateOverrides;
}): SmsSettingsJson {
  return {
    enabled: row.enabled,
    messaging_service_sid: row.service,
    quiet_hours: { start: row.start.slice(0, 5), end: row.end.slice(0, 5) },
    reminder_offsets_minutes: row.offsets,
    templates: row.templates,
    default_templates: defaultTemplates,
  };
}

export async function getSmsSettings(actor: Actor): Promise<SmsSettingsJson> {
  const [row] = await asUser(actor, (tx) => tx.select(columns).from(organisations).where(eq(organisations.id, actor.organisationId)));
  if (!row) throw new DomainError("not_found", "This clinic no longer exists.");
  return toJson(row);
}

/** Admins only (the organisation's UPDATE policy). The first time texts are turned on is remembered (analytics). */
export async function updateSmsSettings(actor: Actor, input: SmsSettingsInput, now: Date): Promise<SmsSettingsJson> {
  const [row] = await asUser(actor, async (tx) => {
    const [current] = await tx
      .select({ enabledAt: organisations.smsEnabledAt })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId));
    const rows = await tx
      .update(organisations)
      .set({
        smsEnabled: input.enabled,
        smsMessagingServiceSid: input.messaging_service_sid,
        smsQuietHoursStart: input.quiet_hours.start,
        smsQuietHoursEnd: input.quiet_hours.end,
        smsReminderOffsetsMinutes: [...new Set(input.reminder_offsets_minutes)].sort((a, b) => b - a),
        smsTemplates: input.templates as SmsTemplateOverrides,
        ...(input.enabled && !current?.enabledAt ? { smsEnabledAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(organisations.id, actor.organisationId))
      .returning(columns);
    if (rows[0]) {
      await recordAudit(tx, {
        action: "settings.messaging_changed",
        objectType: "organisation",
        objectId: actor.organisationId,
        details: { enabled: input.enabled, reminders: input.reminder_offsets_minutes.length },
      });
    }
    return rows;
  });
  if (!row) throw new DomainError("forbidden", "Only an admin or owner of this clinic can change text messages.");
  return toJson(row);
}
