import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as connectRoute from "@/app/api/calendar/connect/route";
import { startGoogleEmulator } from "@/providers/google/emulator";
import { checkAvailabilityTool } from "@/server/calendar/tools/check-availability-tool";
import { asService } from "@/server/db/access";
import { organisationCalendarConnections, organisationMembers, users } from "@/server/db/schema";
import { connectDemoCalendar } from "@/server/demo/connect-demo-calendar";
import { DEMO_ACCOUNT, DEMO_CREDENTIALS } from "@/server/demo/demo-credentials";
import { loadDemoSecrets } from "@/server/demo/demo-secrets";
import { seedDemoClinic } from "@/server/demo/seed-demo-clinic";
import { startDemoServices } from "@/server/demo/start-demo-services";
import { signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { pinClock } from "../helpers/clock";
import { googleEnv, returnToCallback } from "./google-test-kit";

// The dates below are in 2027: the clock starts a month before them, whatever day it is.
pinClock("2027-02-01T08:00:00Z");

const google = await startGoogleEmulator({
  clientId: DEMO_CREDENTIALS.googleClientId,
  clientSecret: DEMO_CREDENTIALS.googleClientSecret,
  accountEmail: DEMO_ACCOUNT.calendarEmail,
});
const test = useTestApp({
  env: () => ({
    ...googleEnv(google),
    GOOGLE_CLIENT_ID: DEMO_CREDENTIALS.googleClientId,
    GOOGLE_CLIENT_SECRET: DEMO_CREDENTIALS.googleClientSecret,
    DEMO: "1",
  }),
});

describe("demo mode's calendar", () => {
  it("startDemoServices points the app at a Google emulator with the demo credentials", async () => {
    const previous = process.env.GOOGLE_CLIENT_ID;
    delete process.env.GOOGLE_CLIENT_ID;
    const services = await startDemoServices(loadDemoSecrets(process.env.DATA_DIR!));
    try {
      expect(services.env).toMatchObject({
        GOOGLE_CLIENT_ID: DEMO_CREDENTIALS.googleClientId,
        GOOGLE_CLIENT_SECRET: DEMO_CREDENTIALS.googleClientSecret,
        GOOGLE_OAUTH_AUTH_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth$/),
        GOOGLE_OAUTH_TOKEN_URL: expect.stringMatching(/\/token$/),
        GOOGLE_OAUTH_REVOKE_URL: expect.stringMatching(/\/revoke$/),
        GOOGLE_CALENDAR_API_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      });
      const token = await fetch(services.env.GOOGLE_OAUTH_TOKEN_URL!, { method: "POST" });
      expect(token.status).toBe(400); // a live Google emulator (wrong content type)
    } finally {
      await services.close();
      process.env.GOOGLE_CLIENT_ID = previous;
    }
  });

  it("connects the seeded demo clinic's calendar through the emulator's consent, and the assistant can book", async () => {
    await asService((tx) => seedDemoClinic(tx));
    expect(await asService((tx) => connectDemoCalendar(tx))).toBe("connected");
    const [owner] = await asService((tx) =>
      tx
        .select({ organisationId: organisationMembers.organisationId })
        .from(users)
        .innerJoin(organisationMembers, eq(organisationMembers.userId, users.id))
        .where(eq(users.email, DEMO_ACCOUNT.email)),
    );
    const [connection] = await test
      .db()
      .db.select()
      .from(organisationCalendarConnections)
      .where(eq(organisationCalendarConnections.organisationId, owner!.organisationId));
    expect(connection).toMatchObject({ status: "connected", googleAccountEmail: DEMO_ACCOUNT.calendarEmail });
    expect(connection!.refreshTokenCiphertext).toMatch(/^v1\./);

    // Connecting again (the next start) replaces the grant; the clinic stays connected.
    expect(await asService((tx) => connectDemoCalendar(tx))).toBe("connected");
    const answer = await checkAvailabilityTool(
      { date: "2027-03-02", preferred_time: "10:00" },
      { organisationId: owner!.organisationId, callId: null, callerNumber: null, toolCallId: "demo-1" },
    );
    expect(answer).toMatch(/^Free times: Tuesday 2 March at /);
  });

  it("each clinic names its own Google account on a consent screen like Google's and gets its own calendar", async () => {
    google.state.consent = "ask";
    try {
      await asService((tx) => seedDemoClinic(tx));
      // The demo clinic's own connection answers the consent screen as its front desk.
      expect(await asService((tx) => connectDemoCalendar(tx))).toBe("connected");
      const demoOrg = await organisationOf(DEMO_ACCOUNT.email);
      // The demo clinic is fully booked on 2 March; another clinic must not see that.
      google.state.addBusy(DEMO_ACCOUNT.calendarEmail, { start: new Date("2027-03-01T00:00:00Z"), end: new Date("2027-03-04T00:00:00Z") });

      const other = await signUpOwner("Riverside Physio");
      const connect = await other.client.get(connectRoute.GET, "/api/calendar/connect");
      expect(connect.status).toBe(302);
      const consentUrl = connect.headers.get("location")!;
      expect(new URL(consentUrl).searchParams.get("login_hint")).toBe(other.email);

      const screen = await fetch(consentUrl, { redirect: "manual" });
      expect(screen.status).toBe(200);
      expect(screen.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await screen.text();
      expect(html).toContain("Clinicall wants to access your Google Account");
      expect(html).toContain(`value="${other.email}"`);
      expect(html).toContain("View and edit events on all your calendars");
      expect(html).not.toContain(DEMO_ACCOUNT.calendarEmail);

      const post = (form: Record<string, string>) =>
        fetch(consentUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form).toString(),
          redirect: "manual",
        });
      // A bad address is asked again, never granted.
      const bad = await post({ account: "<script>@x", decision: "allow" });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain("Enter a valid email address.");

      const allowed = await post({ account: other.email, decision: "allow" });
      expect(allowed.status).toBe(302);
      const back = new URL(allowed.headers.get("location")!);
      const landed = await returnToCallback(other.client, `${back.pathname}${back.search}`);
      expect(landed.searchParams.get("connected")).toBe("1");

      const [connection] = await test
        .db()
        .db.select()
        .from(organisationCalendarConnections)
        .where(eq(organisationCalendarConnections.organisationId, other.organisationId));
      expect(connection).toMatchObject({ status: "connected", googleAccountEmail: other.email.toLowerCase() });
      expect(google.state.calendars.has(other.email.toLowerCase())).toBe(true);

      const ask = (organisationId: string) =>
        checkAvailabilityTool(
          { date: "2027-03-02", preferred_time: "10:00" },
          { organisationId, callId: null, callerNumber: null, toolCallId: `t-${organisationId}` },
        );
      expect(await ask(demoOrg)).toMatch(/^No free times on Tuesday 2 March/);
      expect(await ask(other.organisationId)).toMatch(/^Free times: Tuesday 2 March at /);

      // Cancel on the consent screen goes back with access_denied.
      const again = await other.client.get(connectRoute.GET, "/api/calendar/connect");
      const cancelled = await fetch(again.headers.get("location")!, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "decision=deny",
        redirect: "manual",
      });
      expect(new URL(cancelled.headers.get("location")!).searchParams.get("error")).toBe("access_denied");
    } finally {
      google.state.consent = "grant";
    }
  });
});

async function organisationOf(email: string): Promise<string> {
  const [owner] = await asService((tx) =>
    tx
      .select({ organisationId: organisationMembers.organisationId })
      .from(users)
      .innerJoin(organisationMembers, eq(organisationMembers.userId, users.id))
      .where(eq(users.email, email)),
  );
  return owner!.organisationId;
}
