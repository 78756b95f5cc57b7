import { eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { loginThrottleBuckets } from "@/server/db/schema";

/**
 * Log-in throttling by growing delays (docs/decisions/008-login-throttling.md). Two buckets count
 * every attempt from a client address: one for the address alone (password spraying across many
 * emails) and one for the address and the email (guessing one person's password). A bucket admits
 * `free` attempts, then blocks for 1 s, 2 s, 4 s ... after each further one, up to `maxDelayMs`.
 * A successful log-in gives back its attempt. No bucket is keyed by the email alone, so nobody
 * can lock a person out from another address by typing their email.
 */
export interface BucketRule {
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** A bucket with no attempt for this long starts again from zero. */
  forgetAfterMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const ADDRESS_AND_EMAIL_RULE: BucketRule = { free: 5, firstDelayMs: 1000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: DAY_MS };
export const ADDRESS_RULE: BucketRule = { free: 30, firstDelayMs: 1000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: DAY_MS };

export type ThrottleDecision = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** The delay after the `failures`-th counted attempt (0 while attempts are free). */
function delayAfter(rule: BucketRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(failures - rule.free, 30));
}

function bucketKeys(address: string, email: string): { address: string; addressAndEmail: string } {
  return { address: `ip:${address}`, addressAndEmail: `ip-email:${address} ${email}` };
}

function upsertValues(rule: BucketRule, now: Date) {
  const firstBlock = delayAfter(rule, 1);
  return {
    blockedIfFirst: firstBlock ? new Date(now.getTime() + firstBlock).toISOString() : null,
    forgetBefore: new Date(now.getTime() - rule.forgetAfterMs).toISOString(),
  };
}

/** The SET of the bucket's upsert: counts one more attempt and sets the next delay. */
function countedAttempt(table: string, rule: BucketRule, now: string, forgetBefore: string) {
  const t = sql.raw(table);
  const failures = sql`(case when ${t}.last_attempt_at < ${forgetBefore}::timestamptz then 1 else ${t}.failures + 1 end)`;
  return sql`
      failures = ${failures},
      blocked_until = case when ${failures} >= ${rule.free}
        then ${now}::timestamptz + least(${rule.maxDelayMs}::float8, ${rule.firstDelayMs}::float8 * power(2, least(${failures} - ${rule.free}, 30))) * interval '1 millisecond'
        end,
      last_attempt_at = ${now}::timestamptz
    where ${t}.blocked_until is null or ${t}.blocked_until <= ${now}::timestamptz`;
}

/**
 * Checks and counts one log-in attempt against both buckets in one statement, or refuses it.
 * Each insert-or-update takes its bucket's row lock, and its `where` admits the attempt only when
 * the bucket is not blocked at that moment, so concurrent attempts are admitted one at a time and
 * never beyond the rule. The address is counted first; the pair only when the address admitted
 * the attempt. (An attempt the pair refuses still counts against the address: hammering a blocked
 * pair slows down only the address doing it.) One autocommitted statement: the row locks are held
 * for no longer than it runs.
 */
export async function admitAttempt(db: Db, address: string, email: string, now: Date): Promise<ThrottleDecision> {
  const keys = bucketKeys(address, email);
  return admitPair(db, { key: keys.address, rule: ADDRESS_RULE }, { key: keys.addressAndEmail, rule: ADDRESS_AND_EMAIL_RULE }, now);
}

export interface Bucket {
  /** What it throttles, with a prefix naming the flow: `ip:`, `reset-email:`... (at most 600 characters). */
  key: string;
  rule: BucketRule;
}

/**
 * Counts one attempt against two buckets in one statement, or refuses it (admitAttempt's
 * mechanism, for any flow: log-in, password reset, the two-factor step). `second` is counted
 * only when `first` admitted the attempt.
 */
export async function admitPair(db: Db, first: Bucket, second: Bucket, now: Date): Promise<ThrottleDecision> {
  const at = now.toISOString();
  const a = upsertValues(first.rule, now);
  const p = upsertValues(second.rule, now);
  const { rows } = await db.execute(sql`
    with address as (
      insert into public.login_throttle_buckets as address_bucket (key, failures, blocked_until, last_attempt_at)
      values (${first.key}, 1, ${a.blockedIfFirst}::timestamptz, ${at}::timestamptz)
      on conflict (key) do update set ${countedAttempt("address_bucket", first.rule, at, a.forgetBefore)}
      returning 1
    ), pair as (
      insert into public.login_throttle_buckets as pair_bucket (key, failures, blocked_until, last_attempt_at)
      select ${second.key}, 1, ${p.blockedIfFirst}::timestamptz, ${at}::timestamptz from address
      on conflict (key) do update set ${countedAttempt("pair_bucket", second.rule, at, p.forgetBefore)}
      returning 1
    )
    select exists (select 1 from address) as address_ok,
           exists (select 1 from pair) as pair_ok,
           (select max(blocked_until) from public.login_throttle_buckets where key in (${first.key}, ${second.key})) as blocked_until`);
  const row = rows[0] as { address_ok: boolean; pair_ok: boolean; blocked_until: string | Date | null };
  if (row.address_ok && row.pair_ok) return { admitted: true };
  const until = row.blocked_until ? new Date(row.blocked_until).getTime() : now.getTime();
  return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/** Forgets a bucket (a flow that succeeded gives its attempts back). */
export async function clearBucket(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottleBuckets).where(eq(loginThrottleBuckets.key, key));
}

/**
 * After a successful log-in: the pair's bucket starts again, the address's gives the attempt
 * back (a sprayer who knows one password cannot reset the address's count by using it), and
 * buckets quiet for longer than their rule remembers are purged. One statement (a log-in flood's
 * round trips are what the calls share the loop with); the purge leaves the two keys to the
 * others, so no row is changed twice in it.
 */
export async function recordSuccess(db: Db, address: string, email: string, now: Date): Promise<void> {
  const keys = bucketKeys(address, email);
  const forgetBefore = new Date(now.getTime() - Math.max(ADDRESS_RULE.forgetAfterMs, ADDRESS_AND_EMAIL_RULE.forgetAfterMs));
  await db.execute(sql`
    with given_back as (
      update public.login_throttle_buckets set failures = greatest(failures - 1, 0) where key = ${keys.address} returning 1
    ), pair_cleared as (
      delete from public.login_throttle_buckets where key = ${keys.addressAndEmail} returning 1
    )
    delete from public.login_throttle_buckets
    where last_attempt_at < ${forgetBefore.toISOString()}::timestamptz and key not in (${keys.address}, ${keys.addressAndEmail})`);
}
