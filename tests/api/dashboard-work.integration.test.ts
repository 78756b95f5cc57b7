import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import * as analyticsRoute from "@/app/api/analytics/route";
import * as exportRoute from "@/app/api/call-logs/export.csv/route";
import * as callLogsRoute from "@/app/api/call-logs/route";
import * as dashboardStatsRoute from "@/app/api/dashboard-stats/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { simulateIncomingCall } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { signUpOwner } from "../helpers/accounts";
import { useTestApp, withEnv } from "../helpers/api";
import { createFactories } from "../helpers/factories";
import { startRouteServer } from "../helpers/route-server";

/**
 * The dashboard's CPU budget: heavy requests (exports while they stream, the call list, analytics,
 * stats) take a slot; beyond the slots and the queue they answer 503 busy with Retry-After, and the
 * webhooks never wait on them.
 */
const TWILIO_TOKEN = "twilio-test-auth-token";
const VAPI_KEY = "vapi-test-key";
const vapi = await startVapiEmulator({ apiKey: VAPI_KEY });
const app = await startRouteServer({ "/api/webhooks/twilio": twilioRoute.POST, "/api/webhooks/vapi": vapiRoute.POST });
afterAll(async () => {
  await vapi.close();
  await app.close();
});

const test = useTestApp({
  env: () => ({
    PUBLIC_BASE_URL: app.url,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    VAPI_API_KEY: VAPI_KEY,
    VAPI_API_URL: vapi.url,
    VAPI_WEBHOOK_SECRET: "vapi-webhook-secret-for-tests",
    VAPI_PHONE_NUMBER_ID: "vapi-default-number",
    VAPI_CALL_TIMEOUT_MS: "12000",
    DEMO: "0",
  }),
});

function get(handler: (req: NextRequest, ctx: never) => Promise<Response>, path: string, cookie: string) {
  const req = new NextRequest(new URL(path, app.url), { headers: { cookie: `clinicall_session=${cookie}` } });
  return handler(req, { params: Promise.resolve({}) } as never);
}

describe("the dashboard's heavy requests share a bounded number of slots", () => {
  it("answers 503 busy with Retry-After beyond the slots and the queue, never to a webhook, and frees a slot when an export ends", async () => {
    const { client } = await signUpOwner();
    const cookie = client.cookie!;
    const f = createFactories(test.db().db);
    const clinic = await f.createOrganisation({ name: "Calls Dental", timezone: "Europe/London" });
    const number = await f.createPhoneNumber(clinic);
    await f.createAssistantSettings(clinic);
    for (const day of [1, 2, 3, 4, 5]) await f.createWorkingHours(clinic, { dayOfWeek: day });
    await f.createIntent(clinic, { name: "Opening hours", examplePhrases: ["when are you open"], responseEn: "Nine to five." });

    await withEnv({ DASHBOARD_HEAVY_CONCURRENCY: "1", DASHBOARD_HEAVY_QUEUE: "1" }, async () => {
      // An export that nobody reads yet holds the one slot while it streams.
      const held = await get(exportRoute.GET, "/api/call-logs/export.csv", cookie);
      expect(held.status).toBe(200);
      // One more may wait in the queue...
      const waiting = get(callLogsRoute.GET, "/api/call-logs", cookie);
      let waitingSettled = false;
      void waiting.then(() => {
        waitingSettled = true;
      });
      // ...and every other heavy request is refused at once.
      for (const [handler, path] of [
        [exportRoute.GET, "/api/call-logs/export.csv"],
        [callLogsRoute.GET, "/api/call-logs"],
        [analyticsRoute.GET, "/api/analytics"],
        [dashboardStatsRoute.GET, "/api/dashboard-stats"],
      ] as const) {
        const refused = await get(handler as never, path, cookie);
        expect(refused.status, path).toBe(503);
        expect(refused.headers.get("retry-after"), path).toBe("5");
        expect((await refused.json()).error.code, path).toBe("busy");
      }
      // Refused before the session is looked up: a surge costs the server next to nothing.
      const unknownSession = await get(callLogsRoute.GET, "/api/call-logs", "not-a-session");
      expect(unknownSession.status).toBe(503);
      // A call is answered as ever while the dashboard's slots are full.
      const answer = await simulateIncomingCall({
        baseUrl: app.url,
        authToken: TWILIO_TOKEN,
        to: number.phoneNumber,
        from: "+447700900123",
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/<Connect[ >]/);
      expect(waitingSettled).toBe(false);

      // The export finishes downloading: its slot goes to the request that waited.
      expect(await held.text()).toContain("Date and time");
      expect((await waiting).status).toBe(200);
      expect((await get(analyticsRoute.GET, "/api/analytics", cookie)).status).toBe(200);
    });
  });

  it("frees the slot of an export the client abandons", async () => {
    const { client } = await signUpOwner();
    await withEnv({ DASHBOARD_HEAVY_CONCURRENCY: "1", DASHBOARD_HEAVY_QUEUE: "0" }, async () => {
      const held = await get(exportRoute.GET, "/api/call-logs/export.csv", client.cookie!);
      expect((await get(callLogsRoute.GET, "/api/call-logs", client.cookie!)).status).toBe(503);
      await held.body!.cancel();
      expect((await get(callLogsRoute.GET, "/api/call-logs", client.cookie!)).status).toBe(200);
    });
  });
});
