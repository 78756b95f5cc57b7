import { asc, eq } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { organisationMembers, users } from "@/server/db/schema";
import { isThrottled, recordFailure } from "@/server/auth/login-throttle";
import { verifyPassword } from "@/server/auth/passwords";
import { createSession } from "@/server/auth/sessions";
import { DomainError } from "@/server/errors";

/** Checks the password and opens a new session. The same message for a wrong email or password. */
export async function logIn(email: string, password: string): Promise<{ token: string; userId: string }> {
  const outcome = await asService(async (tx) => {
    if (await isThrottled(tx, email)) return { kind: "throttled" as const };
    const [user] = await tx
      .select({ id: users.id, hash: users.encryptedPassword })
      .from(users)
      .where(eq(users.email, email));
    if (!(await verifyPassword(user?.hash, password)) || !user) {
      await recordFailure(tx, email);
      return { kind: "wrong" as const };
    }
    const [first] = await tx
      .select({ organisationId: organisationMembers.organisationId })
      .from(organisationMembers)
      .where(eq(organisationMembers.userId, user.id))
      .orderBy(asc(organisationMembers.createdAt))
      .limit(1);
    return { kind: "ok" as const, userId: user.id, token: await createSession(tx, user.id, first?.organisationId ?? null) };
  });
  if (outcome.kind === "throttled") {
    throw new DomainError("rate_limited", "Too many failed sign-in attempts for this email. Try again in 15 minutes.");
  }
  if (outcome.kind === "wrong") throw new DomainError("unauthenticated", "The email or password is incorrect.");
  return { token: outcome.token, userId: outcome.userId };
}
