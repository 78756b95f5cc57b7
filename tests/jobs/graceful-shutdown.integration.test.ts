import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateIncomingCall } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { calls } from "@/server/db/schema";
import { startTsProcess } from "../helpers/child-process";
import { createFactories } from "../helpers/factories";
import { createTestDatabase, type TestDatabase, usingPostgres } from "../helpers/test-database";
import { waitFor } from "../helpers/wait-for";

/**
 * SIGTERM during a burst of calls: the app process stops taking connections, answers every call
 * already in flight, stops its job runner and closes its pools, then exits 0.
 * Postgres only: the app runs in a child process, and a second process cannot open the test's
 * embedded database (PGlite is one process's; with PGlite, `npm start` is that one process).
 */
const TWILIO_TOKEN = "twilio-test-auth-token";
const VAPI_KEY = "vapi-test-key";

describe.skipIf(!usingPostgres)("graceful shutdown of an app process (Postgres server)", () => {
  let database: TestDatabase;
  let vapi: Awaited<ReturnType<typeof startVapiEmulator>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    vapi = await startVapiEmulator({ apiKey: VAPI_KEY });
  });
  afterAll(async () => {
    await vapi?.close();
    await database?.close();
  });

  it("answers and records every call of a burst that SIGTERM interrupts", async () => {
    const f = createFactories(database.db);
    const organisation = await f.createOrganisation({ name: "Shutdown Dental", timezone: "Europe/London" });
    const number = await f.createPhoneNumber(organisation);
    await f.createAssistantSettings(organisation);
    for (const day of [1, 2, 3, 4, 5]) await f.createWorkingHours(organisation, { dayOfWeek: day });
    await f.createIntent(organisation, { name: "Opening hours", examplePhrases: ["when are you open"], responseEn: "Nine to five." });

    const app = await startTsProcess(
      "tests/helpers/app-process.ts",
      {
        DATABASE_URL: database.url,
        ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        VAPI_API_KEY: VAPI_KEY,
        VAPI_API_URL: vapi.url,
        VAPI_WEBHOOK_SECRET: "vapi-webhook-secret-for-tests",
        VAPI_PHONE_NUMBER_ID: "vapi-default-number",
        DEMO: "0",
        JOBS: "on",
        LOG_LEVEL: "silent",
      },
      /^http:/,
    );
    const url = app.readyLine;

    // Vapi answers each hand-off after a second, so every call is still in its handler when the
    // signal comes. SIGTERM once the app has taken all 20 requests (each has asked Vapi for its
    // call): a connection still in the listen backlog when the server stops listening would be
    // reset by the kernel, which is the client's race, not the shutdown under test.
    vapi.setBehaviour({ kind: "slow", delayMs: 1_000 });
    const burst = Array.from({ length: 20 }, () =>
      simulateIncomingCall({ baseUrl: url, authToken: TWILIO_TOKEN, to: number.phoneNumber, from: "+447700900123" }),
    );
    await waitFor("the app to take all 20 calls", () => vapi.state.createCallRequests >= 20);
    const exited = app.stop("SIGTERM");
    const answers = await Promise.all(burst);
    expect(await exited).toBe(0);

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    for (const answer of answers) expect(answer.body, answer.body).toMatch(/<Connect[ >]/);
    const recorded = await database.db.select().from(calls).where(eq(calls.organisationId, organisation.id));
    expect(recorded.map((c) => c.twilioCallSid).sort()).toEqual(answers.map((a) => a.callSid).sort());
    expect(recorded.every((c) => c.vapiCallId)).toBe(true);
  });
});
