import { and, eq } from "drizzle-orm";
import { createPkcePair } from "@/providers/google/oauth";
import { calendarRedirectUri, googleServices } from "@/server/calendar/google-services";
import { newOAuthState } from "@/server/calendar/oauth-state";
import { storeCalendarConnection } from "@/server/calendar/store-calendar-connection";
import { getConfig } from "@/server/config";
import type { Db } from "@/server/db/access";
import { organisationMembers, users } from "@/server/db/schema";
import { DEMO_ACCOUNT } from "./demo-credentials";

export type DemoCalendarOutcome = "connected" | "not_demo" | "no_demo_clinic";

/**
 * Demo mode: connects the demo clinic's calendar to the Google emulator that scripts/start.ts
 * runs (its tokens live in the emulator's memory, so every start connects afresh), in start.ts's
 * own process, on the service path `tx` it seeds with, before the server starts. It goes through
 * the emulator's consent and token endpoints like a browser would, with its own PKCE pair, and
 * stores the grant as the OAuth callback does. Only in demo mode, only against the emulator
 * (GOOGLE_CLIENT_ID is the demo one), only for the demo account's clinic.
 */
export async function connectDemoCalendar(tx: Db, now = new Date()): Promise<DemoCalendarOutcome> {
  const google = googleServices();
  if (!getConfig().demo || !google?.config.clientId.startsWith("demo-")) return "not_demo";
  const [owner] = await tx
    .select({ userId: users.id, organisationId: organisationMembers.organisationId })
    .from(users)
    .innerJoin(organisationMembers, and(eq(organisationMembers.userId, users.id), eq(organisationMembers.role, "owner")))
    .where(eq(users.email, DEMO_ACCOUNT.email))
    .limit(1);
  if (!owner) return "no_demo_clinic";

  const { codeVerifier, codeChallenge } = createPkcePair();
  const redirectUri = calendarRedirectUri();
  // The consent screen, answered as the demo clinic's front desk clicking Allow on its own account.
  const consent = await fetch(google.oauth.buildAuthorizationUrl({ state: newOAuthState(), codeChallenge, redirectUri }), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ account: DEMO_ACCOUNT.calendarEmail, decision: "allow" }).toString(),
    redirect: "manual",
    signal: AbortSignal.timeout(google.config.requestTimeoutMs),
  });
  const code = new URL(consent.headers.get("location") ?? "", redirectUri).searchParams.get("code");
  if (!code) throw new Error(`the Google emulator's consent answered ${consent.status} without a code`);
  const grant = await google.oauth.exchangeCode({ code, codeVerifier, redirectUri });
  await storeCalendarConnection(tx, { organisationId: owner.organisationId, userId: owner.userId, grant, now });
  return "connected";
}
