import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Locale } from "@/i18n/locales";
import type { Db } from "@/server/db/access";
import { asAuth } from "@/server/db/access";
import { accountSecurity, type MemberRole, organisationMembers, organisations, profiles, users } from "@/server/db/schema";
import { resolveSession, type Session } from "./sessions";

export interface Membership {
  id: string;
  name: string;
  role: MemberRole;
  /** The clinic's IANA time zone. */
  timezone: string;
  /** The clinic requires two-factor sign-in of everyone (decision 015). */
  requireTwoFactor: boolean;
}

export interface CurrentUser {
  /** `language`: the dashboard language the person chose, null until they choose (then the browser's). */
  user: { id: string; email: string; language: Locale | null; emailVerified: boolean; twoFactorEnabled: boolean };
  session: Session;
  organisations: Membership[];
  /** The organisation the person is working in: the session's choice, else their oldest membership. */
  organisation: Membership | null;
}

/**
 * The seed's getCurrentUserAndOrg(): resolves a session token to the person, their memberships
 * and their current organisation. Runs on the auth pool (no person is known yet) and filters
 * by the session's user explicitly. Returns null for a missing, expired or revoked session.
 */
export async function getCurrentUserAndOrg(token: string | undefined): Promise<CurrentUser | null> {
  if (!token) return null;
  return asAuth(async (tx) => {
    const session = await resolveSession(tx, token);
    if (!session) return null;
    return loadCurrentUser(tx, session);
  });
}

async function loadCurrentUser(tx: Db, session: Session): Promise<CurrentUser | null> {
  const [user] = await tx
    .select({
      id: users.id,
      email: users.email,
      language: profiles.language,
      verifiedAt: accountSecurity.emailVerifiedAt,
      totpAt: accountSecurity.totpEnabledAt,
    })
    .from(users)
    .leftJoin(profiles, eq(profiles.id, users.id))
    .leftJoin(accountSecurity, eq(accountSecurity.userId, users.id))
    .where(eq(users.id, session.userId));
  if (!user) return null;
  const memberships = await tx
    .select({
      id: organisations.id,
      name: organisations.name,
      role: organisationMembers.role,
      timezone: organisations.timezone,
      requireTwoFactor: organisations.requireTwoFactor,
    })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(eq(organisationMembers.userId, session.userId))
    .orderBy(asc(organisationMembers.createdAt), asc(organisations.name));
  const organisation = memberships.find((m) => m.id === session.currentOrganisationId) ?? memberships[0] ?? null;
  return {
    user: {
      id: user.id,
      email: user.email ?? "",
      language: user.language ?? null,
      emailVerified: Boolean(user.verifiedAt),
      twoFactorEnabled: Boolean(user.totpAt),
    },
    session,
    organisations: memberships,
    organisation,
  };
}
