import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as checkRoute from "@/app/api/auth/password-reset/check/route";
import * as resetConfirmRoute from "@/app/api/auth/password-reset/confirm/route";
import { issueAccountToken, PASSWORD_RESET_TTL_MS } from "@/server/account-safety/account-links";
import { accountTokenCleanupJob } from "@/server/account-safety/token-cleanup-job";
import { asService } from "@/server/db/access";
import type { AccountTokenPurpose } from "@/server/db/schema";
import { signUpOwner } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";

/**
 * The Reset password page's look before the form (POST /api/auth/password-reset/check: says which
 * refusal without using the link) and the nightly `account.token-cleanup` job.
 */
const test = useTestApp();

const HOUR = 3_600_000;

async function token(userId: string, purpose: AccountTokenPurpose, createdAgoMs: number, ttlMs = PASSWORD_RESET_TTL_MS) {
  const issued = await asService((tx) => issueAccountToken(tx, { userId, purpose, ttlMs, now: new Date(Date.now() - createdAgoMs) }));
  return issued!;
}

async function markUsed(id: string, agoMs: number) {
  await test
    .db()
    .db.execute(
      sql`update public.account_tokens set used_at = ${new Date(Date.now() - agoMs).toISOString()}::timestamptz where id = ${id}::uuid`,
    );
}

describe("checking a reset link before the form", () => {
  it("says ok for a live link and leaves it usable; says which for a used, expired or made-up one", async () => {
    const owner = await signUpOwner("Check Dental");
    const client = new ApiClient();
    const live = await token(owner.userId, "password_reset", 0);
    const ok = await client.post(checkRoute.POST, "/api/auth/password-reset/check", { token: live.token });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true });
    // Checking did not use it.
    expect((await client.post(checkRoute.POST, "/api/auth/password-reset/check", { token: live.token })).status).toBe(200);
    const confirmed = await client.post(resetConfirmRoute.POST, "/api/auth/password-reset/confirm", {
      token: live.token,
      password: "a brand new passphrase",
    });
    expect(confirmed.status).toBe(200);

    const used = await client.post(checkRoute.POST, "/api/auth/password-reset/check", { token: live.token });
    expect(used.status).toBe(410);
    expect(used.body.error.details.reason).toBe("link_used");

    const old = await token(owner.userId, "password_reset", 2 * HOUR);
    const expired = await client.post(checkRoute.POST, "/api/auth/password-reset/check", { token: old.token });
    expect(expired.status).toBe(410);
    expect(expired.body.error.details.reason).toBe("link_expired");

    const madeUp = await client.post(checkRoute.POST, "/api/auth/password-reset/check", { token: "y".repeat(43) });
    expect(madeUp.status).toBe(404);
    expect(madeUp.body.error.details.reason).toBe("link_invalid");

    // A verification link is not a reset link.
    const verify = await token(owner.userId, "verify_email", 0, 24 * HOUR);
    expect((await client.post(checkRoute.POST, "/api/auth/password-reset/check", { token: verify.token })).status).toBe(404);

    const short = await client.post(checkRoute.POST, "/api/auth/password-reset/check", { token: "short" });
    expect(short.status).toBe(422);
    expect(short.body.error.details.fields[0].path).toBe("token");
  });
});

describe("account.token-cleanup", () => {
  it("is scheduled nightly and deletes tokens expired or used more than a day ago, and nothing else; a second run deletes nothing", async () => {
    expect(accountTokenCleanupJob.schedule).toEqual({ cron: "30 2 * * *", missed: "once" });
    const owner = await signUpOwner("Cleanup Dental");
    const keepLive = await token(owner.userId, "password_reset", 0);
    const keepRecentlyExpired = await token(owner.userId, "password_reset", 3 * HOUR); // expired 2 h ago
    const keepRecentlyUsed = await token(owner.userId, "verify_email", 2 * HOUR, 24 * HOUR);
    await markUsed(keepRecentlyUsed.id, HOUR);
    const dropExpired = await token(owner.userId, "password_reset", 30 * HOUR); // expired 29 h ago
    const dropUsed = await token(owner.userId, "verify_email", 47 * HOUR, 24 * HOUR); // used 26 h ago, expired 23 h ago
    await markUsed(dropUsed.id, 26 * HOUR);
    const dropChallenge = await token(owner.userId, "two_factor_sign_in", 48 * HOUR, 5 * 60_000);

    const context = { jobId: "test", retryCount: 0, signal: new AbortController().signal };
    await accountTokenCleanupJob.handle({}, context);
    const ids = async () =>
      (
        (await test.db().db.execute(sql`select id from public.account_tokens where user_id = ${owner.userId}::uuid`)).rows as {
          id: string;
        }[]
      )
        .map((r) => r.id)
        .sort();
    const left = await ids();
    // (The sign-up's own confirmation link is live too.)
    for (const kept of [keepLive, keepRecentlyExpired, keepRecentlyUsed]) expect(left).toContain(kept.id);
    for (const gone of [dropExpired, dropUsed, dropChallenge]) expect(left).not.toContain(gone.id);

    await accountTokenCleanupJob.handle({}, context);
    expect(await ids()).toEqual(left);
  });

  it("forgets the sent marks of emails older than 30 days, and no others", async () => {
    const day = 24 * HOUR;
    const old = "00000000-0000-4000-8000-00000000aa01";
    const recent = "00000000-0000-4000-8000-00000000aa02";
    await test.db().db.execute(sql`
      insert into private.sent_emails (job_id, sent_at)
      values (${old}::uuid, ${new Date(Date.now() - 31 * day).toISOString()}::timestamptz),
             (${recent}::uuid, ${new Date(Date.now() - 29 * day).toISOString()}::timestamptz)`);
    await accountTokenCleanupJob.handle({}, { jobId: "test", retryCount: 0, signal: new AbortController().signal });
    const { rows } = await test
      .db()
      .db.execute(sql`select job_id::text as id from private.sent_emails where job_id in (${old}::uuid, ${recent}::uuid)`);
    expect(rows).toEqual([{ id: recent }]);
  });
});
