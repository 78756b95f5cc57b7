import { sql } from "drizzle-orm";
import { wantsEmail } from "@/server/account-safety/notification-choices";
import { getConfig } from "@/server/config";
import type { Db } from "@/server/db/access";
import { queueEmail } from "@/server/email/queue-email";
import { log } from "@/server/log";

/**
 * Emails to a clinic's owners about billing: a payment failed (with the last day of grace) and
 * the trial ending. Each has a business key (the invoice, or the subscription and its trial end),
 * so a replayed webhook or a second sync never sends it twice (queueEmail: one per key).
 */
export type OwnerNotice =
  | { kind: "payment_failed"; organisationId: string; invoiceId: string; graceEndsAt: Date }
  | { kind: "trial_ending"; organisationId: string; subscriptionId: string; trialEnd: Date };

function ownerNoticeKey(notice: OwnerNotice): string {
  return notice.kind === "payment_failed"
    ? `${notice.organisationId}:${notice.invoiceId}`
    : `${notice.organisationId}:${notice.subscriptionId}:${notice.trialEnd.toISOString()}`;
}

/**
 * Inside the ledger's transaction (service path): one email per owner, in their language, unless
 * the owner turned billing emails off on the Account page (the banner still shows).
 */
export async function queueOwnerNotice(tx: Db, notice: OwnerNotice): Promise<void> {
  const { rows } = await tx.execute(sql`
    select u.id as user_id, u.email, coalesce(p.language, 'en') as language, o.name as clinic, o.timezone
    from public.organisation_members m
    join auth.users u on u.id = m.user_id
    join public.organisations o on o.id = m.organisation_id
    left join public.profiles p on p.id = m.user_id
    where m.organisation_id = ${notice.organisationId} and m.role = 'owner' and u.email is not null`);
  const url = `${getConfig().publicBaseUrl}/dashboard/billing`;
  const key = ownerNoticeKey(notice);
  for (const owner of rows) {
    if (!(await wantsEmail(tx, String(owner.user_id), "billing"))) continue;
    const language = owner.language === "ru" ? "ru" : "en";
    const zone = String(owner.timezone ?? "UTC");
    const day = (date: Date) =>
      new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
    const to = String(owner.email);
    const clinic = String(owner.clinic).slice(0, 200) || "Clinicall";
    const result =
      notice.kind === "payment_failed"
        ? await queueEmail(tx, {
            to,
            template: "billing.payment-failed",
            language,
            data: { clinic, graceEnds: day(notice.graceEndsAt), url },
            key: `${key}:${to}`,
          })
        : await queueEmail(tx, {
            to,
            template: "billing.trial-ending",
            language,
            data: { clinic, trialEnds: day(notice.trialEnd), url },
            key: `${key}:${to}`,
          });
    log.info({ organisationId: notice.organisationId, notice: notice.kind, result }, "billing email to an owner");
  }
}
