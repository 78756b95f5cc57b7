import { and, desc, eq, gt, inArray, ne, or, sql } from "drizzle-orm";
import { serviceActor } from "@/server/actor";
import { cancelAppointment } from "@/server/calendar/cancel-appointment";
import { ChangeTooLateError } from "@/server/calendar/change-too-late-error";
import { asService, type Db } from "@/server/db/access";
import { appointments, assistantSettings, organisations, patients, smsMessages } from "@/server/db/schema";
import { createMessage } from "@/server/messages/create-message";
import { recordPatientContact } from "@/server/patients/record-patient-contact";
import { normaliseProviderNumber } from "@/shared/phone-number";
import { renderText, type SmsLanguage } from "./sms-text";

export interface InboundSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
  messagingServiceSid?: string;
  optOutType?: "STOP" | "START" | "HELP";
}

export type InboundOutcome =
  | "unknown_clinic"
  | "duplicate"
  | "opted_out"
  | "opted_in"
  | "help"
  | "confirmed"
  | "cancelled"
  | "too_late"
  | "no_appointment"
  | "for_staff";

/** Our reply commands. Twilio's keywords (STOP, CANCEL, YES, ...) are never among them. */
export function replyCommand(body: string): "confirm" | "cancel" | null {
  const word = body
    .normalize("NFKC")
    .replace(/[\s.!,;:'"()]+/g, "")
    .toUpperCase();
  if (word === "1" || word === "C" || word === "С" /* Cyrillic Es */) return "confirm";
  if (word === "2") return "cancel";
  return null;
}

/**
 * POST /api/webhooks/twilio/sms after the signature is verified. The clinic is the one whose
 * number (or Messaging Service) the text was sent to; the sender becomes (or is) its patient.
 * Idempotent on MessageSid (a redelivery changes nothing). Then, in order:
 * - `OptOutType` STOP/START (Twilio has already answered the patient): mirrored on the patient;
 * - "1" or "C": confirms the appointment the clinic last texted them about (a thank-you text);
 * - "2": cancels it through the same path as the dashboard (refused inside the minimum notice),
 *   which writes the cancellation text;
 * - anything else (and a command with nothing to act on, or too late to act): a message in the
 *   clinic's inbox (kind `sms`, keyed on the MessageSid, so a redelivery makes no second one),
 *   written with the inbound row.
 */
export async function receiveInboundSms(sms: InboundSms, now: Date): Promise<InboundOutcome> {
  const from = normaliseProviderNumber(sms.from);
  const to = normaliseProviderNumber(sms.to);
  const recorded = await asService(async (tx) => {
    const [clinic] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        or(
          to
            ? sql`${organisations.id} in (select p.organisation_id from public.phone_numbers p where p.phone_number = ${to} and p.is_active)`
            : sql`false`,
          sms.messagingServiceSid ? eq(organisations.smsMessagingServiceSid, sms.messagingServiceSid) : sql`false`,
        ),
      )
      .limit(1);
    if (!clinic) return null;
    const patientId = await recordPatientContact(tx, { organisationId: clinic.id, phoneNumber: from, at: now, isCall: false });
    const [row] = await tx
      .insert(smsMessages)
      .values({
        organisationId: clinic.id,
        patientId,
        direction: "inbound",
        kind: "inbound",
        fromNumber: from ?? sms.from.slice(0, 32),
        toNumber: to,
        body: sms.body,
        status: "received",
        twilioSid: sms.messageSid,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: smsMessages.twilioSid })
      .returning({ id: smsMessages.id });
    if (!row) return { organisationId: clinic.id, duplicate: true as const };
    if (patientId && (sms.optOutType === "STOP" || sms.optOutType === "START")) {
      await tx
        .update(patients)
        .set({ smsOptedOutAt: sms.optOutType === "STOP" ? now : null, updatedAt: now })
        .where(and(eq(patients.organisationId, clinic.id), eq(patients.id, patientId)));
    }
    if (!sms.optOutType && (!replyCommand(sms.body) || !from)) {
      await forwardToStaff(tx, clinic.id, sms, from, patientId, "A text from a patient.");
    }
    return { organisationId: clinic.id, duplicate: false as const, inboundId: row.id, patientId };
  });
  if (!recorded) return "unknown_clinic";
  if (recorded.duplicate) return "duplicate";
  if (sms.optOutType === "STOP") return "opted_out";
  if (sms.optOutType === "START") return "opted_in";
  if (sms.optOutType === "HELP") return "help";
  const { organisationId, inboundId } = recorded;
  const command = replyCommand(sms.body);
  const note = (statusReason: string, appointmentId?: string, forStaff?: string) =>
    asService(async (tx) => {
      await tx
        .update(smsMessages)
        .set({ statusReason, ...(appointmentId ? { appointmentId } : {}), updatedAt: now })
        .where(and(eq(smsMessages.organisationId, organisationId), eq(smsMessages.id, inboundId)));
      if (forStaff) await forwardToStaff(tx, organisationId, sms, from, recorded.patientId, forStaff);
    });
  if (!command || !from) {
    await note("A message for the clinic's staff.");
    return "for_staff";
  }
  const appointment = await lastTextedAppointment(organisationId, from, now);
  if (!appointment) {
    await note(
      "A reply, but no upcoming appointment was texted to this number: for the clinic's staff.",
      undefined,
      "A reply to a text, but no upcoming appointment was texted to this number.",
    );
    return "no_appointment";
  }
  if (command === "cancel") {
    try {
      await cancelAppointment(serviceActor(organisationId), appointment.id, now, { via: "sms", enforceMinimumNotice: true });
    } catch (error) {
      if (error instanceof ChangeTooLateError) {
        await note(
          "Asked to cancel by text inside the clinic's minimum notice: for the clinic's staff.",
          appointment.id,
          "Asked by text to cancel an appointment inside the clinic's minimum notice: please call the patient.",
        );
        return "too_late";
      }
      throw error;
    }
    await note("Cancelled the appointment by text.", appointment.id);
    return "cancelled";
  }
  await asService(async (tx) => {
    await tx
      .update(appointments)
      .set({ patientConfirmedAt: now, updatedAt: now })
      .where(and(eq(appointments.organisationId, organisationId), eq(appointments.id, appointment.id)));
    const [clinic] = await tx
      .select({
        name: organisations.name,
        timezone: organisations.timezone,
        templates: organisations.smsTemplates,
        language: assistantSettings.defaultLanguage,
      })
      .from(organisations)
      .leftJoin(assistantSettings, eq(assistantSettings.organisationId, organisations.id))
      .where(eq(organisations.id, organisationId));
    const [patient] = await tx
      .select({ name: patients.name, language: patients.preferredLanguage })
      .from(patients)
      .where(and(eq(patients.organisationId, organisationId), eq(patients.phoneNumber, from)));
    if (!clinic) return;
    const language: SmsLanguage = patient?.language ?? (clinic.language === "ru" ? "ru" : "en");
    await tx
      .insert(smsMessages)
      .values({
        organisationId,
        patientId: recorded.patientId,
        appointmentId: appointment.id,
        direction: "outbound",
        kind: "reply",
        appointmentVersion: appointment.version,
        dedupeKey: `reply:${sms.messageSid}`,
        toNumber: from,
        body: renderText({
          kind: "confirmed_reply",
          language,
          clinicName: clinic.name,
          patientName: patient?.name ?? null,
          start: appointment.startAt,
          timeZone: clinic.timezone,
          overrides: clinic.templates,
        }),
        sendAt: now,
        status: "pending",
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [smsMessages.organisationId, smsMessages.dedupeKey] });
  });
  await note("Confirmed the appointment by text.", appointment.id);
  return "confirmed";
}

/**
 * The patient's text as a message in the clinic's inbox (kind `sms`): their number and name, the
 * text itself, and why it is there. Idempotent on the MessageSid.
 */
async function forwardToStaff(
  tx: Db,
  organisationId: string,
  sms: InboundSms,
  from: string | null,
  patientId: string | null,
  reason: string,
): Promise<void> {
  const [patient] = patientId
    ? await tx
        .select({ name: patients.name })
        .from(patients)
        .where(and(eq(patients.organisationId, organisationId), eq(patients.id, patientId)))
    : [];
  await createMessage(tx, {
    organisationId,
    kind: "sms",
    sourceKey: `sms:${sms.messageSid}`,
    callerNumber: from ?? sms.from,
    callerName: patient?.name ?? null,
    reason,
    summary: sms.body,
  });
}

/** The live, upcoming appointment the clinic last texted this number about (what "1" or "2" answers). */
async function lastTextedAppointment(organisationId: string, phone: string, now: Date) {
  return asService(async (tx) => {
    const [row] = await tx
      .select({ id: appointments.id, version: appointments.version, startAt: appointments.startAt })
      .from(smsMessages)
      .innerJoin(
        appointments,
        and(eq(appointments.organisationId, smsMessages.organisationId), eq(appointments.id, smsMessages.appointmentId)),
      )
      .where(
        and(
          eq(smsMessages.organisationId, organisationId),
          eq(smsMessages.toNumber, phone),
          eq(smsMessages.direction, "outbound"),
          inArray(smsMessages.kind, ["confirmation", "change", "reminder"]),
          inArray(smsMessages.status, ["accepted", "queued", "sent", "delivered"]),
          ne(appointments.status, "cancelled"),
          gt(appointments.startAt, now),
        ),
      )
      .orderBy(desc(smsMessages.updatedAt))
      .limit(1);
    return row;
  });
}
