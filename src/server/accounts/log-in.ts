import { asc, eq } from "drizzle-orm";
import { admitAttempt, recordSuccess } from "@/server/auth/login-throttle";
import { verifyPassword } from "@/server/auth/passwords";
import { createSession } from "@/server/auth/sessions";
import { asAuth, asAuthStatement } from "@/server/db/access";
import { organisationMembers, users } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { throttleKeyOfAddress } from "@/server/http/client-address";

/**
 * Checks the password and opens a new session. The same message for a wrong email or password.
 * Three short steps, and no database connection is held while the password is hashed:
 * 1. admit and count the attempt (login-throttle.ts, one statement), then read the user;
 * 2. verify the password (in the bounded hashing slots, no connection held);
 * 3. on success, open the session and settle the throttle, in a second transaction.
 */
export async function logIn(
  email: string,
  password: string,
  clientAddress: string,
  now: () => Date = () => new Date(),
): Promise<{ token: string; userId: string }> {
  const address = throttleKeyOfAddress(clientAddress);
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
  const user = await asAuth(async (tx) => {
    const [row] = await tx.select({ id: users.id, hash: users.encryptedPassword }).from(users).where(eq(users.email, email));
    return row;
  });
  const matches = await verifyPassword(user?.hash, password);
  if (!matches || !user) throw new DomainError("unauthenticated", "The email or password is incorrect.");
  const userId = user.id;
  const token = await asAuth(async (tx) => {
    const [first] = await tx
      .select({ organisationId: organisationMembers.organisationId })
      .from(organisationMembers)
      .where(eq(organisationMembers.userId, userId))
      .orderBy(asc(organisationMembers.createdAt))
      .limit(1);
    await recordSuccess(tx, address, email, now());
    return createSession(tx, userId, first?.organisationId ?? null);
  });
  return { token, userId };
}
