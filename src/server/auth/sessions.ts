import "server-only";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { userSessions } from "@/server/db/schema";
import { hashToken, newToken } from "./tokens";

/** A session expires after this long without use. */
export const SESSION_IDLE_DAYS = 30;
const idleInterval = sql.raw(`interval '${SESSION_IDLE_DAYS} days'`);
// last_seen_at is written at most this often, so reads stay reads.
const touchInterval = sql.raw(`interval '5 minutes'`);

export interface Session {
  id: string;
  userId: string;
  currentOrganisationId: string | null;
}

/** A new session's organisation: the person's oldest membership, read by the session's own insert. */
export const OLDEST_MEMBERSHIP = "oldest membership";

/**
 * Auth pool (asAuth, or asAuthStatement: one statement). Returns the token for the cookie; only
 * its hash is stored. `currentOrganisationId` OLDEST_MEMBERSHIP reads it in the same insert (none
 * when the person belongs to no clinic), so an organisation deleted meanwhile is never named.
 */
export async function createSession(
  tx: Db,
  userId: string,
  currentOrganisationId: string | null | typeof OLDEST_MEMBERSHIP,
  client: { userAgent?: string | undefined; ipAddress?: string | undefined } = {},
): Promise<string> {
  const token = newToken();
  await tx.insert(userSessions).values({
    userId,
    tokenHash: hashToken(token),
    currentOrganisationId:
      currentOrganisationId === OLDEST_MEMBERSHIP
        ? sql`(select organisation_id from public.organisation_members where user_id = ${userId}::uuid order by created_at limit 1)`
        : currentOrganisationId,
    userAgent: client.userAgent ?? null,
    ipAddress: client.ipAddress ?? null,
    expiresAt: sql`now() + ${idleInterval}`,
  });
  return token;
}

/** Auth pool (asAuth). The live session for a cookie token, sliding its expiry forward. */
export async function resolveSession(tx: Db, token: string): Promise<Session | null> {
  const [row] = await tx
    .select({
      id: userSessions.id,
      userId: userSessions.userId,
      currentOrganisationId: userSessions.currentOrganisationId,
      stale: sql<boolean>`${userSessions.lastSeenAt} < now() - ${touchInterval}`,
    })
    .from(userSessions)
    .where(and(eq(userSessions.tokenHash, hashToken(token)), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, sql`now()`)));
  if (!row) return null;
  if (row.stale) {
    await tx
      .update(userSessions)
      .set({ lastSeenAt: sql`now()`, expiresAt: sql`now() + ${idleInterval}` })
      .where(eq(userSessions.id, row.id));
  }
  return { id: row.id, userId: row.userId, currentOrganisationId: row.currentOrganisationId };
}

export async function revokeSession(tx: Db, sessionId: string): Promise<void> {
  await tx.update(userSessions).set({ revokedAt: sql`now()` }).where(eq(userSessions.id, sessionId));
}

export async function setSessionOrganisation(tx: Db, sessionId: string, organisationId: string | null): Promise<void> {
  await tx.update(userSessions).set({ currentOrganisationId: organisationId }).where(eq(userSessions.id, sessionId));
}

/** Revokes every live session of the person except `keepSessionId` (none kept when undefined). */
export async function revokeSessionsOfUser(tx: Db, userId: string, keepSessionId?: string): Promise<number> {
  const revoked = await tx
    .update(userSessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), ...(keepSessionId ? [ne(userSessions.id, keepSessionId)] : [])),
    )
    .returning({ id: userSessions.id });
  return revoked.length;
}
