import { and, eq, isNull, sql } from "drizzle-orm";
import type { NotificationKind } from "@/server/account-safety/notification-kinds";
import { getConfig } from "@/server/config";
import { asService, type Db } from "@/server/db/access";
import { assistantSettings, callRouting, calls, messages, organisations, staffNotifications } from "@/server/db/schema";
import { describeError, log } from "@/server/log";
import { describeTwilioError, twilioRest } from "@/server/twilio/twilio-rest";
import { deliverOnce, membersToEmail, queueEmailOnce, RetryLater } from "./deliveries";
import { quietHoursEnd } from "./quiet-hours";

type NoticeKind = "message" | "voicemail" | "missed_transfer";

/** Which Account choice covers each kind of notice. */
const CHOICE_OF_KIND: Record<NoticeKind, NotificationKind> = {
  message: "messages",
  voicemail: "voicemails",
  missed_transfer: "missed_transfers",
};

export interface DeliverySummary {
  outcome: "delivered" | "held" | "gone";
  emails: number;
  texts: number;
}

/**
 * The `notify.staff` job's work for one notification (decision 020), at `now`:
 * 1. already delivered, or gone: nothing;
 * 2. inside the clinic's quiet hours (read again: they may have changed): `held_until` is set to
 *    their end and nothing is sent; the `notify.sweep` job delivers it then;
 * 3. one email per member whose Account choices include the kind, in the member's language, queued
 *    as an `email.send` job in the transaction that claims it in the row (a mail server that
 *    refuses delays it; that job retries), and one text per staff destination that opted in,
 *    claimed in the row before it is sent (deliveries.ts), so nothing is sent twice. A text Twilio
 *    refused for good (or whose fate is unknown: a timeout) is marked failed; one refused for now
 *    (429, 5xx) is released and the job throws, so its retry sends only what is not yet done.
 */
export async function deliverStaffNotification(organisationId: string, notificationId: string, now: Date): Promise<DeliverySummary> {
  const prepared = await asService(async (tx) => {
    const [notice] = await tx
      .select()
      .from(staffNotifications)
      .where(and(eq(staffNotifications.organisationId, organisationId), eq(staffNotifications.id, notificationId)));
    if (!notice || notice.kind === "digest" || notice.deliveredAt) return { outcome: "gone" as const };
    const allowedAt = await quietHoursEnd(tx, organisationId, now);
    if (allowedAt > now) {
      await tx
        .update(staffNotifications)
        .set({ heldUntil: allowedAt, updatedAt: now })
        .where(and(eq(staffNotifications.organisationId, organisationId), eq(staffNotifications.id, notificationId)));
      return { outcome: "held" as const };
    }
    const kind: NoticeKind = notice.kind;
    const facts = await noticeFacts(tx, organisationId, notice.messageId, notice.callId);
    const members = (await membersToEmail(tx, organisationId)).filter((member) => member.choices[CHOICE_OF_KIND[kind]]);
    const url = `${getConfig().publicBaseUrl}/dashboard/messages${notice.messageId ? `?message=${notice.messageId}` : ""}`;
    return { outcome: "ready" as const, kind, facts, members, url };
  });
  if (prepared.outcome !== "ready") return { outcome: prepared.outcome, emails: 0, texts: 0 };
  const { kind, facts, members, url } = prepared;
  let emails = 0;
  for (const member of members) {
    const outcome = await queueEmailOnce(organisationId, notificationId, `email:${member.userId}`, {
      to: member.email,
      template: "staff.notification",
      language: member.language,
      data: { clinic: facts.clinic, kind, caller: facts.caller, urgent: facts.urgent, url },
      key: `${notificationId}:${member.userId}`,
    });
    if (outcome === "queued") emails += 1;
  }
  const texts = await sendTexts(organisationId, notificationId, kind, facts, url);
  if (texts.retry) throw new RetryLater("a text was refused for now; the retry sends what is left");
  await asService((tx) =>
    tx
      .update(staffNotifications)
      .set({ deliveredAt: now, heldUntil: null, updatedAt: now })
      .where(
        and(
          eq(staffNotifications.organisationId, organisationId),
          eq(staffNotifications.id, notificationId),
          isNull(staffNotifications.deliveredAt),
        ),
      ),
  );
  return { outcome: "delivered", emails, texts: texts.sent };
}

/** Held notices whose quiet hours are over (the `notify.sweep` job): delivered, each once. */
export async function deliverHeldNotifications(now: Date): Promise<number> {
  const due = await asService(async (tx) => {
    const { rows } = await tx.execute(sql`
      select organisation_id, id from public.staff_notifications
      where delivered_at is null and held_until is not null and held_until <= ${now}
      order by held_until limit 200`);
    return rows.map((row) => ({ organisationId: String(row.organisation_id), id: String(row.id) }));
  });
  let delivered = 0;
  for (const notice of due) {
    try {
      if ((await deliverStaffNotification(notice.organisationId, notice.id, now)).outcome === "delivered") delivered += 1;
    } catch (error) {
      // Left held: the next sweep tries what is not yet sent.
      log.warn(
        { organisationId: notice.organisationId, notificationId: notice.id, err: describeError(error) },
        "held notice not delivered yet",
      );
    }
  }
  return delivered;
}

interface NoticeFacts {
  clinic: string;
  language: "en" | "ru";
  caller: string | null;
  urgent: boolean;
  service: string | null;
  destinations: { name: string; number: string; sms: boolean }[];
}

async function noticeFacts(tx: Db, organisationId: string, messageId: string | null, callId: string | null): Promise<NoticeFacts> {
  const [clinic] = await tx
    .select({
      name: organisations.name,
      service: organisations.smsMessagingServiceSid,
      language: assistantSettings.defaultLanguage,
      destinations: callRouting.staffDestinations,
    })
    .from(organisations)
    .leftJoin(assistantSettings, eq(assistantSettings.organisationId, organisations.id))
    .leftJoin(callRouting, eq(callRouting.organisationId, organisations.id))
    .where(eq(organisations.id, organisationId));
  const [message] = messageId
    ? await tx
        .select({ name: messages.callerName, number: messages.callerNumber, urgency: messages.urgency })
        .from(messages)
        .where(and(eq(messages.organisationId, organisationId), eq(messages.id, messageId)))
    : [];
  const [call] =
    !message && callId
      ? await tx
          .select({ number: calls.fromNumber })
          .from(calls)
          .where(and(eq(calls.organisationId, organisationId), eq(calls.id, callId)))
      : [];
  const parts = [message?.name, message?.number ?? call?.number].filter((part): part is string => Boolean(part));
  return {
    clinic: (clinic?.name ?? "").trim().slice(0, 200) || "Clinicall",
    language: clinic?.language === "ru" ? "ru" : "en",
    caller: parts.length > 0 ? parts.join(", ").slice(0, 260) : null,
    urgent: message?.urgency === "urgent",
    service: clinic?.service ?? null,
    destinations: clinic?.destinations ?? [],
  };
}

/** The text a staff phone gets: what happened, who called, the link; never what was said. */
function staffText(
  kind: "message" | "voicemail" | "missed_transfer",
  facts: Pick<NoticeFacts, "clinic" | "language" | "caller" | "urgent">,
  url: string,
): string {
  const clinic = facts.clinic.slice(0, 60);
  if (facts.language === "ru") {
    const who = facts.caller ?? "неизвестного номера";
    const what = {
      message: `${facts.urgent ? "срочное сообщение" : "новое сообщение"} от ${who}`,
      voicemail: `${facts.urgent ? "срочное голосовое сообщение" : "новое голосовое сообщение"} от ${who}`,
      missed_transfer: `звонок от ${who} переведён, но никто не ответил`,
    }[kind];
    return `${clinic}: ${what}. ${url}`.slice(0, 1600);
  }
  const who = facts.caller ?? "an unknown number";
  const what = {
    message: `${facts.urgent ? "urgent message" : "new message"} from ${who}`,
    voicemail: `${facts.urgent ? "urgent voicemail" : "new voicemail"} from ${who}`,
    missed_transfer: `missed transfer: nobody answered ${who}`,
  }[kind];
  return `${clinic}: ${what}. ${url}`.slice(0, 1600);
}

async function sendTexts(
  organisationId: string,
  notificationId: string,
  kind: NoticeKind,
  facts: NoticeFacts,
  url: string,
): Promise<{ sent: number; retry: boolean }> {
  const wanted = facts.destinations.filter((destination) => destination.sms);
  if (wanted.length === 0) return { sent: 0, retry: false };
  const client = twilioRest();
  const from = facts.service ? { messagingServiceSid: facts.service } : await clinicNumber(organisationId);
  if (!client || !from) {
    log.warn({ organisationId, notificationId, twilio: Boolean(client) }, "staff texts skipped: no Twilio client or nothing to send from");
    return { sent: 0, retry: false };
  }
  const body = staffText(kind, facts, url);
  let sent = 0;
  let retry = false;
  for (const destination of wanted) {
    const outcome = await deliverOnce(organisationId, notificationId, `sms:${destination.number}`, async () => {
      try {
        const message = await client.messages.create({ ...from, to: destination.number, body });
        return { status: "sent", sid: message.sid };
      } catch (error) {
        const twilio = describeTwilioError(error);
        // Twilio did not take it: the claim is released and the job's retry texts this number.
        if (twilio.status === 429 || (twilio.status !== undefined && twilio.status >= 500)) throw new RetryLater();
        // Refused for good, or unknown (no answer): never tried again, so never sent twice.
        log.warn({ organisationId, notificationId, status: twilio.status, code: twilio.code }, "staff text not sent");
        return { status: "failed", error: twilio.code ?? null };
      }
    });
    if (outcome === "retry") retry = true;
    if (outcome === "sent") sent += 1;
  }
  return { sent, retry };
}

async function clinicNumber(organisationId: string): Promise<{ from: string } | null> {
  const { rows } = await asService((tx) =>
    tx.execute(sql`
      select phone_number from public.phone_numbers
      where organisation_id = ${organisationId} and is_active
      order by created_at limit 1`),
  );
  return rows[0] ? { from: String(rows[0].phone_number) } : null;
}
