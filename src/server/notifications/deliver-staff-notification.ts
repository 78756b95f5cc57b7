import { and, eq, sql } from "drizzle-orm";
import { notificationChoices } from "@/server/account-safety/notification-choices";
import type { NotificationKind } from "@/server/account-safety/notification-kinds";
import { getConfig } from "@/server/config";
import { asService, type Db } from "@/server/db/access";
import { assistantSettings, callRouting, calls, messages, organisations, staffNotifications } from "@/server/db/schema";
import { queueEmail } from "@/server/email/queue-email";
import { enqueue } from "@/server/jobs/enqueue";
import { log } from "@/server/log";
import { describeTwilioError, twilioRest } from "@/server/twilio/twilio-rest";
import { claimText, quietHoursEnd } from "./notify-staff";

/** Which Account choice covers each kind of notice. */
export const CHOICE_OF_KIND: Record<"message" | "voicemail" | "missed_transfer", NotificationKind> = {
  message: "messages",
  voicemail: "voicemails",
  missed_transfer: "missed_transfers",
};

export interface DeliverySummary {
  outcome: "delivered" | "held" | "gone";
  emails: number;
  texts: number;
}

/** A refusal from Twilio that a later try may not get (rate limit, Twilio's own trouble). */
class TwilioTemporaryError extends Error {}

/**
 * The `notify.staff` job's work for one notification (decision 020), at `now`:
 * 1. inside the clinic's quiet hours (read again: they may have changed), a follow-up job is
 *    queued for their end and nothing is sent;
 * 2. one email per member whose Account choices include the kind, in the member's language
 *    (queueEmail keyed by notification and member: a second delivery of this job queues nothing);
 * 3. one text per staff destination that opted in, each claimed in the notification's row before
 *    Twilio is asked, so a number is never texted twice. A text Twilio refused for good (or whose
 *    fate is unknown: a timeout) is marked failed; one refused for now (429, 5xx) is released and
 *    the job throws, so its retry texts only the numbers not yet done.
 */
export async function deliverStaffNotification(organisationId: string, notificationId: string, now: Date): Promise<DeliverySummary> {
  const prepared = await asService(async (tx) => {
    const [notice] = await tx
      .select()
      .from(staffNotifications)
      .where(and(eq(staffNotifications.organisationId, organisationId), eq(staffNotifications.id, notificationId)));
    if (!notice || notice.kind === "digest") return { outcome: "gone" as const };
    const allowedAt = await quietHoursEnd(tx, organisationId, now);
    if (allowedAt > now) {
      await enqueue(
        tx,
        "notify.staff",
        { organisationId, notificationId },
        { key: `${notificationId}:held:${allowedAt.toISOString()}`, startAfter: allowedAt },
      );
      return { outcome: "held" as const };
    }
    const facts = await noticeFacts(tx, organisationId, notice.messageId, notice.callId);
    const url = `${getConfig().publicBaseUrl}/dashboard/messages${notice.messageId ? `?message=${notice.messageId}` : ""}`;
    const emails = await queueMemberEmails(tx, organisationId, notice.id, notice.kind, facts, url);
    return { outcome: "ready" as const, kind: notice.kind, facts, url, emails, texted: notice.texts };
  });
  if (prepared.outcome !== "ready") return { outcome: prepared.outcome, emails: 0, texts: 0 };
  const texts = await sendTexts(organisationId, notificationId, prepared.kind, prepared.facts, prepared.url, prepared.texted);
  return { outcome: "delivered", emails: prepared.emails, texts };
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

/** The clinic's members with an address, their language and their email choices. */
export async function membersToEmail(tx: Db, organisationId: string) {
  const { rows } = await tx.execute(sql`
    select m.user_id, u.email, coalesce(p.language, 'en') as language, s.email_notifications as choices
    from public.organisation_members m
    join auth.users u on u.id = m.user_id
    left join public.profiles p on p.id = m.user_id
    left join public.account_security s on s.user_id = m.user_id
    where m.organisation_id = ${organisationId} and u.email is not null
    order by m.user_id`);
  return rows.map((row) => ({
    userId: String(row.user_id),
    email: String(row.email),
    language: row.language === "ru" ? ("ru" as const) : ("en" as const),
    choices: notificationChoices((row.choices ?? undefined) as Record<string, boolean> | undefined),
  }));
}

async function queueMemberEmails(
  tx: Db,
  organisationId: string,
  notificationId: string,
  kind: "message" | "voicemail" | "missed_transfer",
  facts: NoticeFacts,
  url: string,
): Promise<number> {
  let queued = 0;
  for (const member of await membersToEmail(tx, organisationId)) {
    if (!member.choices[CHOICE_OF_KIND[kind]]) continue;
    const result = await queueEmail(tx, {
      to: member.email,
      template: "staff.notification",
      language: member.language,
      data: { clinic: facts.clinic, kind, caller: facts.caller, urgent: facts.urgent, url },
      key: `${notificationId}:${member.userId}`,
    });
    if (result === "queued") queued += 1;
  }
  return queued;
}

/** The text a staff phone gets: what happened, who called, the link; never what was said. */
export function staffText(kind: "message" | "voicemail" | "missed_transfer", facts: Pick<NoticeFacts, "clinic" | "language" | "caller" | "urgent">, url: string): string {
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
  kind: "message" | "voicemail" | "missed_transfer",
  facts: NoticeFacts,
  url: string,
  alreadyTexted: Record<string, unknown>,
): Promise<number> {
  const wanted = facts.destinations.filter((destination) => destination.sms && !(destination.number in alreadyTexted));
  if (wanted.length === 0) return 0;
  const client = twilioRest();
  const from = facts.service ? { messagingServiceSid: facts.service } : await clinicNumber(organisationId);
  if (!client || !from) {
    log.warn({ organisationId, notificationId, twilio: Boolean(client) }, "staff texts skipped: no Twilio client or nothing to send from");
    return 0;
  }
  const body = staffText(kind, facts, url);
  let sent = 0;
  let temporary: unknown;
  for (const destination of wanted) {
    if (!(await asService((tx) => claimText(tx, organisationId, notificationId, destination.number)))) continue;
    const record = (value: Record<string, unknown> | null) =>
      asService((tx) =>
        tx.execute(sql`
          update public.staff_notifications
          set texts = ${value === null ? sql`texts - ${destination.number}::text` : sql`texts || jsonb_build_object(${destination.number}::text, ${JSON.stringify(value)}::jsonb)`}
          where organisation_id = ${organisationId} and id = ${notificationId}`),
      );
    try {
      const message = await client.messages.create({ ...from, to: destination.number, body });
      await record({ status: "sent", sid: message.sid });
      sent += 1;
    } catch (error) {
      const twilio = describeTwilioError(error);
      if (twilio.status === 429 || (twilio.status !== undefined && twilio.status >= 500)) {
        // Twilio did not take it: release the claim so the job's retry texts this number.
        await record(null);
        temporary = new TwilioTemporaryError(`Twilio answered ${twilio.status}`);
        continue;
      }
      // Refused for good, or unknown (no answer): never tried again, so never sent twice.
      await record({ status: "failed", error: twilio.code ?? null });
      log.warn({ organisationId, notificationId, status: twilio.status, code: twilio.code }, "staff text not sent");
    }
  }
  if (temporary) throw temporary;
  return sent;
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
