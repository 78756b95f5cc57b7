import { eq, sql } from "drizzle-orm";
import { admitAttempt, recordSuccess } from "@/server/auth/login-throttle";
import { hashPassword, verifyPassword } from "@/server/auth/passwords";
import { revokeSessionsOfUser } from "@/server/auth/sessions";
import { asAuth, asAuthStatement } from "@/server/db/access";
import { users } from "@/server/db/schema";
import { queueEmail } from "@/server/email/queue-email";
import { DomainError } from "@/server/errors";
import { throttleKeyOfAddress } from "@/server/http/client-address";
import { forgotPasswordLink, retireAccountTokens } from "./account-links";
import { throwIfRefused } from "./account-throttle";
import { languageOfUser } from "./recipient-language";

/**
 * A signed-in person changes their password: the current one is required (and throttled like a
 * log-in, so a stolen session cannot guess it), every other session is signed out, pending reset
 * links stop working, and a notice goes to the address.
 */
export async function changePassword(
  current: { userId: string; email: string; sessionId: string },
  input: { current_password: string; new_password: string },
  clientAddress: string,
  now: Date = new Date(),
): Promise<{ signed_out_sessions: number }> {
  const address = throttleKeyOfAddress(clientAddress);
  throwIfRefused(await asAuthStatement((db) => admitAttempt(db, address, current.email, now)), "password attempts");
  const [row] = await asAuth((tx) => tx.select({ hash: users.encryptedPassword }).from(users).where(eq(users.id, current.userId)));
  if (!(await verifyPassword(row?.hash, input.current_password))) {
    throw new DomainError("invalid_input", "Your current password is not right.", {
      fields: [{ path: "current_password", message: "is not right" }],
    });
  }
  const passwordHash = await hashPassword(input.new_password);
  return asAuth(async (tx) => {
    await tx.update(users).set({ encryptedPassword: passwordHash, updatedAt: sql`now()` }).where(eq(users.id, current.userId));
    await recordSuccess(tx, address, current.email, now);
    await retireAccountTokens(tx, current.userId, "password_reset", now);
    const signedOut = await revokeSessionsOfUser(tx, current.userId, current.sessionId);
    await queueEmail(tx, {
      to: current.email,
      template: "account.password-changed",
      language: await languageOfUser(tx, current.userId),
      data: { url: forgotPasswordLink() },
      key: `change:${current.sessionId}:${now.getTime()}`,
    });
    return { signed_out_sessions: signedOut };
  });
}
