import { and, eq, sql } from "drizzle-orm";
import { getConfig } from "@/server/config";
import { asService } from "@/server/db/access";
import { appointments, organisations, patients, type SmsMessage, smsMessages } from "@/server/db/schema";
import { describeError, log } from "@/server/log";
import { describeTwilioError, twilioRest } from "@/server/twilio/twilio-rest";
import { outsideQuietHours } from "./sms-text";

/** How long a claimed text may stay "sending" before it is taken as lost (never sent again). */
const SEND_LEASE_MS = 5 * 60_000;
const BATCH = 50;
/** Twilio's "attempt to send to unsubscribed recipient". */
export const TWILIO_UNSUBSCRIBED = 21610;

export interface DispatchSummary {
  claimed: number;
  sent: number;
  held: number;
  suppressed: number;
  failed: number;
}

/**
 * One pass of the sms.dispatch job: every outbound text due at `now` is claimed (its status
 * moves to `sending` in a committed statement of its own, `for update skip locked`, so two
 * workers never take the same row) and then, after re-checking everything that may have
 * changed since it was written, sent once through Twilio:
 *
 * - the appointment still exists, is not cancelled, still at the version the text was written
 *   for, and (reminders) not begun: otherwise `canceled`;
 * - the clinic still has texts on with a Messaging Service; the patient has not revoked consent
 *   and has not opted out at the carrier: otherwise `suppressed`;
 * - quiet hours in the clinic's zone: the text goes back to `pending` at their end (a reminder
 *   whose end of quiet hours is past the appointment is `suppressed`).
 *
 * A row is never sent twice: a retried pass finds it no longer pending, and a row left in
 * `sending` by a worker that died is marked `failed` ("outcome unknown"), not sent again.
 */
export async function dispatchDueSms(now: Date): Promise<DispatchSummary> {
  const summary: DispatchSummary = { claimed: 0, sent: 0, held: 0, suppressed: 0, failed: 0 };
  await asService((tx) =>
    tx
      .update(smsMessages)
      .set({
        status: "failed",
        statusReason: "The send was interrupted; it is not tried again so the patient never gets it twice.",
        updatedAt: now,
      })
      .where(and(eq(smsMessages.status, "sending"), sql`${smsMessages.lockedUntil} < ${now}`)),
  );
  const claimed = await asService(async (tx) => {
    const { rows } = await tx.execute(sql`
      update public.sms_messages m
      set status = 'sending', attempts = m.attempts + 1, locked_until = ${new Date(now.getTime() + SEND_LEASE_MS)}, updated_at = ${now}
      where m.id in (
        select d.id from public.sms_messages d
        where d.status = 'pending' and d.direction = 'outbound' and d.send_at <= ${now}
        order by d.send_at, d.id
        limit ${BATCH}
        for update skip locked
      )
      returning m.id, m.organisation_id`);
    return rows.map((row) => ({ id: String(row.id), organisationId: String(row.organisation_id) }));
  });
  summary.claimed = claimed.length;
  for (const row of claimed) {
    try {
      const outcome = await sendOne(row.organisationId, row.id, now);
      summary[outcome] += 1;
    } catch (error) {
      summary.failed += 1;
      log.error({ smsId: row.id, organisationId: row.organisationId, err: describeError(error) }, "sms: send failed unexpectedly");
      await finish(row.organisationId, row.id, { status: "failed", statusReason: "Unexpected error while sending." }, now);
    }
  }
  return summary;
}

type Outcome = "sent" | "held" | "suppressed" | "failed";

async function finish(organisationId: string, id: string, changes: Partial<SmsMessage>, now: Date): Promise<void> {
  await asService((tx) =>
    tx
      .update(smsMessages)
      .set({ ...changes, lockedUntil: null, updatedAt: now })
      .where(and(eq(smsMessages.organisationId, organisationId), eq(smsMessages.id, id), eq(smsMessages.status, "sending"))),
  );
}

async function sendOne(organisationId: string, id: string, now: Date): Promise<Outcome> {
  const facts = await asService(async (tx) => {
    const [message] = await tx
      .select()
      .from(smsMessages)
      .where(and(eq(smsMessages.organisationId, organisationId), eq(smsMessages.id, id)));
    if (!message) return null;
    const [clinic] = await tx
      .select({
        enabled: organisations.smsEnabled,
        service: organisations.smsMessagingServiceSid,
        timezone: organisations.timezone,
        quietStart: organisations.smsQuietHoursStart,
        quietEnd: organisations.smsQuietHoursEnd,
      })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    const [appointment] = message.appointmentId
      ? await tx
          .select({ status: appointments.status, version: appointments.version, startAt: appointments.startAt })
          .from(appointments)
          .where(and(eq(appointments.organisationId, organisationId), eq(appointments.id, message.appointmentId)))
      : [];
    const [patient] = message.toNumber
      ? await tx
          .select({ id: patients.id, consent: patients.smsConsent, optedOutAt: patients.smsOptedOutAt })
          .from(patients)
          .where(and(eq(patients.organisationId, organisationId), eq(patients.phoneNumber, message.toNumber)))
      : [];
    return { message, clinic, appointment, patient };
  });
  if (!facts) return "failed";
  const { message, clinic, appointment, patient } = facts;
  const stop = (status: "canceled" | "suppressed", statusReason: string) =>
    finish(organisationId, id, { status, statusReason }, now).then(() => "suppressed" as const);

  if (!message.toNumber || !message.body) return stop("suppressed", "The patient's data was erased.");
  if (message.appointmentId) {
    if (!appointment) return stop("canceled", "The appointment no longer exists.");
    if (message.kind !== "cancellation" && appointment.status === "cancelled") return stop("canceled", "The appointment was cancelled.");
    if (appointment.version !== message.appointmentVersion) return stop("canceled", "The appointment changed since this text was written.");
    if (appointment.startAt <= now) return stop("canceled", "The appointment has already begun.");
  }
  if (!clinic?.enabled) return stop("suppressed", "Text messages are turned off for the clinic.");
  if (!clinic.service) return stop("suppressed", "The clinic has no Messaging Service.");
  if (patient?.consent === "revoked") return stop("suppressed", "The patient does not want text messages.");
  if (patient?.optedOutAt) return stop("suppressed", "The patient opted out of text messages (STOP).");

  const allowedAt = outsideQuietHours(now, clinic.timezone, { start: clinic.quietStart, end: clinic.quietEnd });
  if (allowedAt > now) {
    if (appointment && message.kind !== "cancellation" && allowedAt >= appointment.startAt) {
      return stop("suppressed", "Quiet hours last until the appointment.");
    }
    await finish(organisationId, id, { status: "pending", sendAt: allowedAt, statusReason: "Held for quiet hours." }, now);
    return "held";
  }

  const client = twilioRest();
  if (!client) return stop("suppressed", "Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN).");
  try {
    const sent = await client.messages.create({
      messagingServiceSid: clinic.service,
      to: message.toNumber,
      body: message.body,
      statusCallback: `${getConfig().publicBaseUrl}/api/webhooks/twilio/sms/status`,
    });
    const status = sent.status === "accepted" || sent.status === "queued" || sent.status === "sent" ? sent.status : "queued";
    await finish(organisationId, id, { status, twilioSid: sent.sid, statusReason: null, errorCode: null }, now);
    return "sent";
  } catch (error) {
    const twilioError = describeTwilioError(error);
    if (twilioError.code === TWILIO_UNSUBSCRIBED && patient) {
      await asService((tx) =>
        tx
          .update(patients)
          .set({ smsOptedOutAt: now, updatedAt: now })
          .where(and(eq(patients.organisationId, organisationId), eq(patients.id, patient.id))),
      );
    }
    // Twilio refused it (4xx) or we cannot know whether it took it: never tried again.
    await finish(
      organisationId,
      id,
      { status: "failed", errorCode: twilioError.code ?? null, statusReason: `Twilio: ${twilioError.message}`.slice(0, 300) },
      now,
    );
    log.warn({ smsId: id, organisationId, status: twilioError.status, code: twilioError.code }, "sms: Twilio refused the message");
    return "failed";
  }
}
