import { asc, eq } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { organisationMembers, users } from "@/server/db/schema";
import { admitAttempt, recordSuccess } from "@/server/auth/login-throttle";
import { verifyPassword } from "@/server/auth/passwords";
import { createSession } from "@/server/auth/sessions";
import { DomainError } from "@/server/errors";
import { throttleKeyOfAddress } from "@/server/http/client-address";

/**
 * Checks the password and opens a new session. The same message for a wrong email or password.
 * Three short steps, and no database connection is held while the password is hashed:
 * 1. admit and count the attempt (login-throttle.ts, one statement) and read the user;
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
  const { decision, user } = await asService(async (tx) => {
    const decision = await admitAttempt(tx, address, email, now());
    if (!decision.admitted) return { decision, user: undefined };
    const [user] = await tx.select({ id: users.id, hash: users.encryptedPassword }).from(users).where(eq(users.email, email));
    return { decision, user };
  });
  if (!decision.admitted) {
    throw new DomainError(
      "rate_limited",
      `Too many failed sign-in attempts. Try again in ${decision.retryAfterSeconds} second${decision.retryAfterSeconds === 1 ? "" : "s"}.`,
      { retry_after_seconds: decision.retryAfterSeconds },
    );
  }
  const matches = await verifyPassword(user?.hash, password);
  if (!matches || !user) throw new DomainError("unauthenticated", "The email or password is incorrect.");
  const userId = user.id;
  const token = await asService(async (tx) => {
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
