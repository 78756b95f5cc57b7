import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { startGoogleEmulator } from "@/providers/google/emulator";
import { checkAvailabilityTool } from "@/server/calendar/tools/check-availability-tool";
import { asService } from "@/server/db/access";
import { organisationCalendarConnections, organisationMembers, users } from "@/server/db/schema";
import { connectDemoCalendar } from "@/server/demo/connect-demo-calendar";
import { DEMO_ACCOUNT, DEMO_CREDENTIALS } from "@/server/demo/demo-credentials";
import { loadDemoSecrets } from "@/server/demo/demo-secrets";
import { seedDemoClinic } from "@/server/demo/seed-demo-clinic";
import { startDemoServices } from "@/server/demo/start-demo-services";
import { useTestApp } from "../helpers/api";
import { pinClock } from "../helpers/clock";
import { googleEnv } from "./google-test-kit";

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
});
