import { and, eq, isNull, sql } from "drizzle-orm";
import { revokeSessionsOfUser } from "@/server/auth/sessions";
import { asAuth } from "@/server/db/access";
import { userSessions } from "@/server/db/schema";
import { DomainError } from "@/server/errors";

/** Signs out one of the person's own sessions (another person's id is "not found"). */
export async function revokeOwnSession(userId: string, sessionId: string): Promise<void> {
  const revoked = await asAuth((tx) =>
    tx
      .update(userSessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
      .returning({ id: userSessions.id }),
  );
  if (revoked.length === 0) throw new DomainError("not_found", "That session is not one of yours, or it has already ended.");
}

/** "Sign out everywhere else": every session of the person but the one asking. */
export async function revokeOtherSessions(userId: string, currentSessionId: string): Promise<{ signed_out_sessions: number }> {
  return { signed_out_sessions: await asAuth((tx) => revokeSessionsOfUser(tx, userId, currentSessionId)) };
}
