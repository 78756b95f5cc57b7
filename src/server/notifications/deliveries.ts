import { sql } from "drizzle-orm";
import { notificationChoices } from "@/server/account-safety/notification-choices";
import { asService, type Db } from "@/server/db/access";
import type { StaffDelivery } from "@/server/db/schema";
import { type QueuedEmail, queueEmail } from "@/server/email/queue-email";
import type { EmailTemplateName } from "@/server/email/templates";

/**
 * One text of a staff notification, sent at most once: the key (`sms:<number>`) is claimed in the
 * row's `deliveries` in a committed statement of its own before anything is sent, and what
 * happened is recorded after (decision 020). Emails are queued instead (queueEmailOnce).
 */
/** What was recorded (`sent`, `failed`, `off`), `skipped` (claimed before), or `retry` (released). */
export type DeliveryOutcome = StaffDelivery["status"] | "skipped" | "retry";

export class RetryLater extends Error {}

export async function deliverOnce(
  organisationId: string,
  notificationId: string,
  key: string,
  send: () => Promise<StaffDelivery>,
): Promise<DeliveryOutcome> {
  const claimed = await asService((tx) =>
    tx.execute(sql`
      update public.staff_notifications
      set deliveries = deliveries || jsonb_build_object(${key}::text, jsonb_build_object('status', 'sending'))
      where organisation_id = ${organisationId} and id = ${notificationId} and not deliveries ? ${key}
      returning id`),
  );
  if (claimed.rows.length !== 1) return "skipped";
  let result: StaffDelivery | null;
  try {
    result = await send();
  } catch (error) {
    if (!(error instanceof RetryLater)) throw error;
    result = null;
  }
  await asService((tx) =>
    tx.execute(sql`
      update public.staff_notifications
      set deliveries = ${
        result === null
          ? sql`deliveries - ${key}::text`
          : sql`deliveries || jsonb_build_object(${key}::text, ${JSON.stringify(result)}::jsonb)`
      }
      where organisation_id = ${organisationId} and id = ${notificationId}`),
  );
  return result === null ? "retry" : result.status;
}

/**
 * One email of a staff notification or digest, queued at most once: the key (`email:<user id>`)
 * is claimed in the row's `deliveries` as `queued` and the `email.send` job queued in the same
 * transaction, so both happen or neither. That job sends it, retried while the mail server
 * refuses (email.send's retry policy), and its key makes a second queueing a no-op too.
 */
export async function queueEmailOnce<Name extends EmailTemplateName>(
  organisationId: string,
  notificationId: string,
  key: string,
  email: QueuedEmail<Name>,
): Promise<"queued" | "off" | "skipped"> {
  return asService(async (tx) => {
    const claimed = await tx.execute(sql`
      update public.staff_notifications
      set deliveries = deliveries || jsonb_build_object(${key}::text, jsonb_build_object('status', 'queued'))
      where organisation_id = ${organisationId} and id = ${notificationId} and not deliveries ? ${key}
      returning id`);
    if (claimed.rows.length !== 1) return "skipped";
    if ((await queueEmail(tx, email)) !== "off") return "queued";
    await tx.execute(sql`
      update public.staff_notifications
      set deliveries = deliveries || jsonb_build_object(${key}::text, jsonb_build_object('status', 'off'))
      where organisation_id = ${organisationId} and id = ${notificationId}`);
    return "off";
  });
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
    email: String(row.email).trim().toLowerCase(),
    language: row.language === "ru" ? ("ru" as const) : ("en" as const),
    choices: notificationChoices((row.choices ?? undefined) as Record<string, boolean> | undefined),
  }));
}
