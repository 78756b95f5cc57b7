import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as connectRoute from "@/app/api/calendar/connect/route";
import * as connectionRoute from "@/app/api/calendar/connection/route";
import * as memberRoute from "@/app/api/organisation/members/[user_id]/route";
import { hashOAuthState } from "@/server/calendar/oauth-state";
import { openCalendarSecret, sealCalendarSecret } from "@/server/calendar/token-box";
import { oauthStates, organisationCalendarConnections } from "@/server/db/schema";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { ApiClient, BASE_URL, useTestApp } from "../helpers/api";
import { withRollback } from "../helpers/factories";
import { connectCalendar, returnToCallback, useGoogleEmulator, visitConsent } from "./google-test-kit";
import { findPlaintextSecrets, secretsIssuedBy } from "./plaintext-scan";

const { google, env } = await useGoogleEmulator();
const test = useTestApp({ env: () => env() });
const db = () => test.db().db;

async function connectionRow(organisationId: string) {
  const [row] = await db()
    .select()
    .from(organisationCalendarConnections)
    .where(eq(organisationCalendarConnections.organisationId, organisationId));
  return row;
}

const errorOf = (landed: URL) => landed.searchParams.get("error");

describe("GET /api/calendar/connect", () => {
  it("sends an admin to Google with the calendar scopes, offline access, consent, PKCE S256 and a random state", async () => {
    const { client, organisationId, userId } = await signUpOwner();
    const res = await client.get(connectRoute.GET, "/api/calendar/connect");
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get("location")!);
    expect(`${url.origin}${url.pathname}`).toBe(google.urls.auth);
    const params = url.searchParams;
    expect(params.get("client_id")).toBe(env().GOOGLE_CLIENT_ID);
    expect(params.get("redirect_uri")).toBe(`${BASE_URL}/api/calendar/callback`);
    expect(params.get("response_type")).toBe("code");
    expect(params.get("scope")!.split(" ")).toEqual(
      expect.arrayContaining(["https://www.googleapis.com/auth/calendar.events", "https://www.googleapis.com/auth/calendar.freebusy"]),
    );
    expect(params.get("access_type")).toBe("offline");
    expect(params.get("prompt")).toBe("consent");
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const state = params.get("state")!;
    expect(Buffer.from(state, "base64url")).toHaveLength(32);
    expect(state).not.toContain(organisationId);

    // Stored server-side: the hash only, bound to the person and the clinic, verifier encrypted, 10 minutes.
    const [row] = await db()
      .select()
      .from(oauthStates)
      .where(eq(oauthStates.stateHash, hashOAuthState(state)));
    expect(row).toMatchObject({ organisationId, userId, usedAt: null, redirectUri: `${BASE_URL}/api/calendar/callback` });
    expect(row!.codeVerifierCiphertext).toMatch(/^v1\./);
    const lifetime = row!.expiresAt.getTime() - row!.createdAt.getTime();
    expect(lifetime).toBeGreaterThan(9.5 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000 + 1000);
    const verifier = openCalendarSecret(row!.codeVerifierCiphertext, organisationId);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
  });

  it("refuses a plain member (403) and creates no state", async () => {
    const owner = await signUpOwner();
    const member = await addTeammate(owner.client, "member");
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(oauthStates);
    const res = await member.client.get(connectRoute.GET, "/api/calendar/connect");
    expect(res.status).toBe(403);
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(oauthStates)).toEqual(before);
  });

  it("refuses someone signed out (401)", async () => {
    expect((await new ApiClient().get(connectRoute.GET, "/api/calendar/connect")).status).toBe(401);
  });
});

describe("GET /api/calendar/callback", () => {
  it("connects: tokens stored encrypted and bound to the clinic, account and calendar shown", async () => {
    const { client, organisationId, userId } = await signUpOwner();
    const landed = await connectCalendar(client);
    expect(landed.pathname).toBe("/dashboard/calendar");

    const row = (await connectionRow(organisationId))!;
    expect(row).toMatchObject({
      status: "connected",
      googleAccountEmail: google.state.account.email,
      googleAccountId: google.state.account.subject,
      calendarId: google.state.account.email,
      connectedBy: userId,
    });
    const refreshToken = openCalendarSecret(row.refreshTokenCiphertext!, organisationId);
    expect(google.state.grantOfToken(refreshToken)?.revoked).toBe(false);
    expect(google.state.accessTokens.has(openCalendarSecret(row.accessTokenCiphertext!, organisationId))).toBe(true);
    // Bound to the organisation: the same ciphertext does not open for another clinic.
    expect(() => openCalendarSecret(row.refreshTokenCiphertext!, "00000000-0000-4000-8000-000000000000")).toThrow();

    const status = await client.get(connectionRoute.GET, "/api/calendar/connection");
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      status: "connected",
      google_configured: true,
      google_account_email: google.state.account.email,
      calendar_id: google.state.account.email,
      connected_by: { id: userId },
      health: { status: "healthy", pending_sync: 0, failed_sync: 0 },
    });
    expect(JSON.stringify(status.body)).not.toContain(refreshToken);

    // The audit log records who connected which account, never a token (decision 021).
    const { rows: audit } = await test.db().db.execute(sql`
      select user_id, details from audit_events where organisation_id = ${organisationId} and action = 'calendar.connected'`);
    expect(audit).toEqual([{ user_id: userId, details: { google_account: google.state.account.email } }]);
  });

  it("leaves no plaintext token, code or verifier in any text column of the database", async () => {
    const { client } = await signUpOwner();
    await connectCalendar(client);
    const states = await db().select().from(oauthStates);
    const verifiers = states.map((state) => openCalendarSecret(state.codeVerifierCiphertext, state.organisationId));
    const secrets = [...secretsIssuedBy(google), ...verifiers];
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    expect(await findPlaintextSecrets(db(), secrets)).toEqual([]);

    // The scan does find a planted one.
    const planted = await withRollback(db(), async (tx) => {
      await tx.execute(sql`update organisations set name = ${`Clinic ${secrets[0]}`} where id = ${states[0]!.organisationId}`);
      return findPlaintextSecrets(tx, secrets);
    });
    expect(planted).toEqual(["public.organisations.name"]);
  });

  it("refuses a forged state and connects nothing", async () => {
    const { client, organisationId } = await signUpOwner();
    const round = await visitConsent(client);
    const forged = round.callbackPath.replace(/state=[^&]+/, `state=${Buffer.alloc(32, 7).toString("base64url")}`);
    expect(errorOf(await returnToCallback(client, forged))).toBe("invalid_state");
    const bare = round.callbackPath.replace(/state=[^&]+&?/, "");
    expect(errorOf(await returnToCallback(client, bare))).toBe("invalid_state");
    expect(await connectionRow(organisationId)).toBeUndefined();
  });

  it("accepts a state once: the replay is refused", async () => {
    const { client, organisationId } = await signUpOwner();
    const round = await visitConsent(client);
    expect((await returnToCallback(client, round.callbackPath)).searchParams.get("connected")).toBe("1");
    const before = await connectionRow(organisationId);
    expect(errorOf(await returnToCallback(client, round.callbackPath))).toBe("already_used");
    expect(await connectionRow(organisationId)).toEqual(before);
  });

  it("two callbacks racing with one state: exactly one connects", async () => {
    const { client } = await signUpOwner();
    const round = await visitConsent(client);
    const landed = await Promise.all([returnToCallback(client, round.callbackPath), returnToCallback(client, round.callbackPath)]);
    expect(landed.map((url) => url.searchParams.get("connected") ?? errorOf(url)).sort()).toEqual(["1", "already_used"]);
  });

  it("refuses an expired state", async () => {
    const { client, organisationId } = await signUpOwner();
    const round = await visitConsent(client);
    await db()
      .update(oauthStates)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oauthStates.stateHash, hashOAuthState(round.state)));
    expect(errorOf(await returnToCallback(client, round.callbackPath))).toBe("expired");
    expect(await connectionRow(organisationId)).toBeUndefined();
  });

  it("refuses another person's state, even an admin of the same clinic, and burns it", async () => {
    const owner = await signUpOwner();
    const admin = await addTeammate(owner.client, "admin");
    const round = await visitConsent(owner.client);
    expect(errorOf(await returnToCallback(admin.client, round.callbackPath))).toBe("wrong_account");
    expect(await connectionRow(owner.organisationId)).toBeUndefined();
    expect(errorOf(await returnToCallback(owner.client, round.callbackPath))).toBe("already_used");
  });

  it("refuses an attacker's state delivered to a victim admin (the seed's CSRF)", async () => {
    const victim = await signUpOwner("Victim Dental");
    const attacker = await signUpOwner("Attacker Dental");
    const round = await visitConsent(attacker.client);
    expect(errorOf(await returnToCallback(victim.client, round.callbackPath))).toBe("wrong_account");
    expect(await connectionRow(victim.organisationId)).toBeUndefined();
    expect(await connectionRow(attacker.organisationId)).toBeUndefined();
  });

  it("refuses an admin who was made a plain member before coming back", async () => {
    const owner = await signUpOwner();
    const admin = await addTeammate(owner.client, "admin");
    const round = await visitConsent(admin.client);
    const demoted = await owner.client.patch(memberRoute.PATCH, "/x", { role: "member" }, { user_id: admin.userId });
    expect(demoted.status).toBe(200);
    expect(errorOf(await returnToCallback(admin.client, round.callbackPath))).toBe("forbidden");
    expect(await connectionRow(owner.organisationId)).toBeUndefined();
  });

  it("says so when consent was denied", async () => {
    const { client, organisationId } = await signUpOwner();
    google.state.consent = "deny";
    try {
      const round = await visitConsent(client);
      expect(round.callbackPath).toContain("error=access_denied");
      expect(errorOf(await returnToCallback(client, round.callbackPath))).toBe("consent_denied");
    } finally {
      google.state.consent = "grant";
    }
    expect(await connectionRow(organisationId)).toBeUndefined();
  });

  it("fails closed without the right PKCE verifier: one bound to another clinic, or not the one sent to Google", async () => {
    const { client, organisationId } = await signUpOwner();
    const other = await signUpOwner("Other Dental");
    const round = await visitConsent(client);
    const where = eq(oauthStates.stateHash, hashOAuthState(round.state));
    // A verifier sealed for another organisation does not open here.
    await db()
      .update(oauthStates)
      .set({ codeVerifierCiphertext: sealCalendarSecret("x".repeat(64), other.organisationId) })
      .where(where);
    expect(errorOf(await returnToCallback(client, round.callbackPath))).toBe("invalid_state");

    // A readable verifier that is not the one whose challenge Google holds: Google refuses the code.
    const second = await visitConsent(client);
    const tokenRequests = google.state.requestCount("token");
    await db()
      .update(oauthStates)
      .set({ codeVerifierCiphertext: sealCalendarSecret("y".repeat(64), organisationId) })
      .where(eq(oauthStates.stateHash, hashOAuthState(second.state)));
    expect(errorOf(await returnToCallback(client, second.callbackPath))).toBe("exchange_failed");
    expect(google.state.requestCount("token")).toBe(tokenRequests + 1);
    expect(await connectionRow(organisationId)).toBeUndefined();
  });

  it("keeps the state usable when the person's session ended at Google", async () => {
    const { client } = await signUpOwner();
    const round = await visitConsent(client);
    expect(errorOf(await returnToCallback(new ApiClient(), round.callbackPath))).toBe("signed_out");
    expect((await returnToCallback(client, round.callbackPath)).searchParams.get("connected")).toBe("1");
  });

  it("refuses a grant without the calendar scopes and revokes it", async () => {
    const { client, organisationId } = await signUpOwner();
    google.state.grantedScopes = ["openid", "email"];
    let round: Awaited<ReturnType<typeof visitConsent>> | undefined;
    try {
      round = await visitConsent(client);
      expect(errorOf(await returnToCallback(client, round.callbackPath))).toBe("missing_scopes");
    } finally {
      google.state.grantedScopes = undefined;
    }
    expect(await connectionRow(organisationId)).toBeUndefined();
    const grants = [...google.state.grants.values()].filter((g) => g.scope === "openid https://www.googleapis.com/auth/userinfo.email");
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((g) => g.revoked)).toBe(true);
  });
});

describe("/api/calendar/connection", () => {
  it("shows members the connection, and not_connected before one exists", async () => {
    const owner = await signUpOwner();
    const member = await addTeammate(owner.client, "member");
    expect((await member.client.get(connectionRoute.GET, "/api/calendar/connection")).body).toMatchObject({
      status: "not_connected",
      health: { status: "not_connected" },
    });
    await connectCalendar(owner.client);
    expect((await member.client.get(connectionRoute.GET, "/api/calendar/connection")).body).toMatchObject({ status: "connected" });
  });

  it("DELETE revokes the grant at Google and deletes the tokens; members may not", async () => {
    const owner = await signUpOwner();
    const member = await addTeammate(owner.client, "member");
    await connectCalendar(owner.client);
    const row = (await connectionRow(owner.organisationId))!;
    const refreshToken = openCalendarSecret(row.refreshTokenCiphertext!, owner.organisationId);

    expect((await member.client.delete(connectionRoute.DELETE, "/api/calendar/connection")).status).toBe(403);
    expect(await connectionRow(owner.organisationId)).toBeDefined();

    const res = await owner.client.delete(connectionRoute.DELETE, "/api/calendar/connection");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked_at_google: "revoked" });
    expect(google.state.grantOfToken(refreshToken)?.revoked).toBe(true);
    expect(await connectionRow(owner.organisationId)).toBeUndefined();
    expect((await owner.client.get(connectionRoute.GET, "/api/calendar/connection")).body.status).toBe("not_connected");
    expect((await owner.client.delete(connectionRoute.DELETE, "/api/calendar/connection")).status).toBe(404);
  });

  it("DELETE still deletes the tokens when Google cannot be reached to revoke them", async () => {
    const owner = await signUpOwner();
    await connectCalendar(owner.client);
    google.fail("revoke", { status: 503 });
    const res = await owner.client.delete(connectionRoute.DELETE, "/api/calendar/connection");
    expect(res.body).toEqual({ revoked_at_google: "failed" });
    expect(await connectionRow(owner.organisationId)).toBeUndefined();
  });
});
