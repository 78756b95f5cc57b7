import { eq, sql } from "drizzle-orm";
import { issueAccountToken, TWO_FACTOR_CHALLENGE_TTL_MS } from "@/server/account-safety/account-links";
import type { SessionClient } from "@/server/account-safety/session-client";
import { admitLogIn } from "@/server/auth/hashing-slots";
import { admitAttempt, recordSuccess } from "@/server/auth/login-throttle";
import { inPasswordCheckTurn } from "@/server/auth/passwords";
import { createSession, OLDEST_MEMBERSHIP } from "@/server/auth/sessions";
import { asAuth, asAuthStatement } from "@/server/db/access";
import { accountSecurity, users } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { throttleKeyOfAddress } from "@/server/http/client-address";
import { turnBehindCalls } from "@/server/http/dashboard-work";

/**
 * Checks the password and opens a new session. The same message for a wrong email or password.
 * Refused with 503 at once while as many log-ins are in progress as the hashing slots and their
 * queue can take (admitLogIn). Then it waits for its turn in a hashing slot (inPasswordCheckTurn)
 * and only then touches the database, in short steps, each one autocommitted statement (a log-in
 * flood's round trips share the event loop and the database with the calls); no database
 * connection is held while the password is hashed:
 * 1. admit and count the attempt (login-throttle.ts), then read the user, whether they have
 *    two-factor sign-in, and whether a clinic of theirs requires it;
 * 2. verify the password in the same slot (no connection held);
 * 3. on success, settle the throttle and open the session in the person's oldest clinic; or, when
 *    the person has two-factor sign-in on, a 5-minute single-use challenge for the code step
 *    instead (complete-two-factor-sign-in.ts opens the session), in one transaction.
 * `enrolTwoFactor`: no two-factor sign-in, and a clinic of theirs requires it (the log-in page
 * sends them to enrol).
 */
export async function logIn(
  email: string,
  password: string,
  clientAddress: string,
  now: () => Date = () => new Date(),
  client: SessionClient = { userAgent: undefined, ipAddress: undefined },
): Promise<
  | { token: string; userId: string; enrolTwoFactor: boolean; challenge?: undefined }
  | { challenge: string; userId: string; token?: undefined }
> {
  return admitLogIn(async () => {
    const address = throttleKeyOfAddress(clientAddress);
    // In its hashing slot's turn (queued with the other log-ins), not the moment it arrives.
    const { user, matches } = await inPasswordCheckTurn(async (verify) => {
      await turnBehindCalls(); // calls first: a log-in waits while a call's webhook is being handled
      // One autocommitted statement, outside any transaction: the buckets' row locks are held only
      // while it runs, so a flood on one bucket queues on the lock, not on pool connections.
      const decision = await asAuthStatement((db) => admitAttempt(db, address, email, now()));
      if (!decision.admitted) {
        throw new DomainError(
          "rate_limited",
          `Too many failed sign-in attempts. Try again in ${decision.retryAfterSeconds} second${decision.retryAfterSeconds === 1 ? "" : "s"}.`,
          { retry_after_seconds: decision.retryAfterSeconds },
        );
      }
      const [found] = await asAuthStatement((db) =>
        db
          .select({
            id: users.id,
            hash: users.encryptedPassword,
            twoFactor: accountSecurity.totpEnabledAt,
            clinicRequiresTwoFactor: sql<boolean>`exists (
              select 1 from public.organisation_members m join public.organisations o on o.id = m.organisation_id
              where m.user_id = ${users.id} and o.require_two_factor)`,
          })
          .from(users)
          .leftJoin(accountSecurity, eq(accountSecurity.userId, users.id))
          .where(eq(users.email, email)),
      );
      return { user: found, matches: await verify(found?.hash, password) };
    });
    if (!matches || !user) throw new DomainError("unauthenticated", "The email or password is incorrect.");
    const userId = user.id;
    if (user.twoFactor) {
      const at = now();
      const challenge = await asAuth(async (tx) => {
        await recordSuccess(tx, address, email, at);
        return issueAccountToken(tx, { userId, purpose: "two_factor_sign_in", ttlMs: TWO_FACTOR_CHALLENGE_TTL_MS, now: at });
      });
      return { challenge: challenge!.token, userId };
    }
    await asAuthStatement((db) => recordSuccess(db, address, email, now()));
    const token = await asAuthStatement((db) => createSession(db, userId, OLDEST_MEMBERSHIP, client));
    return { token, userId, enrolTwoFactor: Boolean(user.clinicRequiresTwoFactor) };
  });
}
