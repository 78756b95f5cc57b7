import { and, eq, sql } from "drizzle-orm";
import type { AppointmentChange } from "@/server/calendar/appointment-change";
import type { Db } from "@/server/db/access";
import { assistantSettings, organisations, patients, smsMessages } from "@/server/db/schema";
import { isE164 } from "@/shared/phone-number";
import { type AppointmentSmsKind, renderText, type SmsLanguage } from "./sms-text";

const kindFor: Record<AppointmentChange["kind"], QueuedText["kind"]> = {
  booked: "confirmation",
  moved: "change",
  cancelled: "cancellation",
};

interface QueuedText {
  kind: "confirmation" | "change" | "cancellation" | "reminder";
  dedupeKey: string;
  body: string;
  sendAt: Date;
}

/**
 * Inside the transaction that books, moves or cancels an appointment: the texts that change
 * causes, as rows (written with the change or not at all). A confirmation, change or
 * cancellation text now; for a live appointment one reminder per offset (24 h and 2 h by
 * default) whose time is still ahead. The appointment's earlier pending texts are canceled
 * first, so a moved appointment's reminders are replaced, never duplicated. Each row is unique
 * per (clinic, appointment, kind, offset, version): a retried change writes nothing twice.
 * Nothing is written when the clinic has texts off or the appointment has no mobile number;
 * consent, opt-out and quiet hours are checked when the job sends (they may change meanwhile).
 */
export async function queueAppointmentTexts(tx: Db, change: AppointmentChange): Promise<void> {
  const { appointment, now } = change;
  const phone = appointment.customerPhone ?? "";
  if (!isE164(phone)) return;
  const [clinic] = await tx
    .select({
      name: organisations.name,
      timezone: organisations.timezone,
      enabled: organisations.smsEnabled,
      offsets: organisations.smsReminderOffsetsMinutes,
      templates: organisations.smsTemplates,
      clinicLanguage: assistantSettings.defaultLanguage,
    })
    .from(organisations)
    .leftJoin(assistantSettings, eq(assistantSettings.organisationId, organisations.id))
    .where(eq(organisations.id, appointment.organisationId));
  if (!clinic?.enabled) return;
  const [patient] = appointment.patientId
    ? await tx
        .select({ name: patients.name, language: patients.preferredLanguage })
        .from(patients)
        .where(and(eq(patients.organisationId, appointment.organisationId), eq(patients.id, appointment.patientId)))
    : [];
  const language: SmsLanguage = patient?.language ?? (clinic.clinicLanguage === "ru" ? "ru" : "en");
  const text = (kind: AppointmentSmsKind) =>
    renderText({
      kind,
      language,
      clinicName: clinic.name,
      patientName: patient?.name ?? appointment.customerName,
      start: appointment.startAt,
      timeZone: clinic.timezone,
      overrides: clinic.templates,
    });

  const texts: QueuedText[] = [];
  const version = appointment.version;
  const kind = kindFor[change.kind];
  if (appointment.startAt > now) {
    texts.push({ kind, dedupeKey: `${appointment.id}:${kind}:${version}`, body: text(kind), sendAt: now });
  }
  if (change.kind !== "cancelled") {
    for (const offset of [...new Set(clinic.offsets)].sort((a, b) => b - a)) {
      const sendAt = new Date(appointment.startAt.getTime() - offset * 60_000);
      if (sendAt <= now) continue;
      texts.push({ kind: "reminder", dedupeKey: `${appointment.id}:reminder:${offset}:${version}`, body: text("reminder"), sendAt });
    }
  }

  if (change.scope === "user") {
    await tx.execute(sql`select private.cancel_pending_sms(${appointment.id}::uuid, ${`appointment ${change.kind}`})`);
    for (const t of texts) {
      await tx.execute(sql`select private.queue_sms(${appointment.id}::uuid, ${t.kind}, ${version}, ${t.dedupeKey}, ${phone},
        ${t.body}, ${t.sendAt}::timestamptz, ${appointment.patientId}::uuid)`);
    }
    return;
  }
  await tx
    .update(smsMessages)
    .set({ status: "canceled", statusReason: `appointment ${change.kind}`, updatedAt: now })
    .where(
      and(
        eq(smsMessages.organisationId, appointment.organisationId),
        eq(smsMessages.appointmentId, appointment.id),
        eq(smsMessages.status, "pending"),
      ),
    );
  if (texts.length === 0) return;
  await tx
    .insert(smsMessages)
    .values(
      texts.map((t) => ({
        organisationId: appointment.organisationId,
        patientId: appointment.patientId,
        appointmentId: appointment.id,
        direction: "outbound" as const,
        kind: t.kind,
        appointmentVersion: version,
        dedupeKey: t.dedupeKey,
        toNumber: phone,
        body: t.body,
        sendAt: t.sendAt,
        status: "pending" as const,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: [smsMessages.organisationId, smsMessages.dedupeKey] });
}
