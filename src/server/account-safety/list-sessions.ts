import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { asAuth } from "@/server/db/access";
import { userSessions } from "@/server/db/schema";

/** The person's live sessions, newest use first; `current` marks the one asking. */
export async function listSessions(userId: string, currentSessionId: string) {
  const rows = await asAuth((tx) =>
    tx
      .select({
        id: userSessions.id,
        userAgent: userSessions.userAgent,
        ipAddress: userSessions.ipAddress,
        createdAt: userSessions.createdAt,
        lastSeenAt: userSessions.lastSeenAt,
      })
      .from(userSessions)
      .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, sql`now()`)))
      .orderBy(desc(userSessions.lastSeenAt))
      .limit(100),
  );
  return {
    sessions: rows.map((r) => ({
      id: r.id,
      device: describeDevice(r.userAgent),
      ...deviceParts(r.userAgent),
      user_agent: r.userAgent,
      ip_address: r.ipAddress,
      created_at: r.createdAt,
      last_seen_at: r.lastSeenAt,
      current: r.id === currentSessionId,
    })),
  };
}

/** "Chrome on Windows" from a User-Agent, or null when it says nothing recognisable. */
function describeDevice(userAgent: string | null): string | null {
  const { browser, os } = deviceParts(userAgent);
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os;
}

/** The browser's and the system's names in a User-Agent (proper names; a page words them in its language). */
function deviceParts(userAgent: string | null): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /OPR\//.test(userAgent)
      ? "Opera"
      : /Firefox\//.test(userAgent)
        ? "Firefox"
        : /Chrome\/|Chromium\//.test(userAgent)
          ? "Chrome"
          : /Safari\//.test(userAgent)
            ? "Safari"
            : null;
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Android/.test(userAgent)
        ? "Android"
        : /Mac OS X|Macintosh/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return { browser, os };
}
