import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as loginRoute from "@/app/api/auth/login/route";
import * as callRoute from "@/app/api/call-logs/[id]/route";
import * as messagesRoute from "@/app/api/messages/route";
import * as afterAiRoute from "@/app/api/webhooks/twilio/after-ai/route";
import * as afterDialRoute from "@/app/api/webhooks/twilio/after-dial/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as twilioStatusRoute from "@/app/api/webhooks/twilio/status/route";
import * as transcriptionRoute from "@/app/api/webhooks/twilio/transcription/route";
import * as voicemailRoute from "@/app/api/webhooks/twilio/voicemail/route";
import * as whisperRoute from "@/app/api/webhooks/twilio/whisper/route";
import * as whisperAnswerRoute from "@/app/api/webhooks/twilio/whisper-answer/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { asService } from "@/server/db/access";
import { callRouting, calls } from "@/server/db/schema";
import { DEMO_ACCOUNT } from "@/server/demo/demo-credentials";
import { loadDemoSecrets } from "@/server/demo/demo-secrets";
import { writeDemoServerAddress } from "@/server/demo/demo-server-address";
import { seedDemoClinic } from "@/server/demo/seed-demo-clinic";
import { runSimulateCall } from "@/server/demo/simulate-call-command";
import { startDemoServices } from "@/server/demo/start-demo-services";
import { startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { jobDefinitions } from "@/server/jobs/registry";
import { ApiClient, useTestApp } from "../helpers/api";
import { startRouteServer } from "../helpers/route-server";

/**
 * `npm run simulate:call -- --staff ... | --after-hours` against the demo as `npm start` builds it:
 * the demo's emulators (startDemoServices), the seeded demo clinic, the app's Twilio and Vapi
 * webhooks, the job runner working (the server's calls.transfer job moves the live call), and
 * DATA_DIR/demo-server.json written as start.ts writes it. The CLI's own function plays the call.
 * The clock is a Sunday morning, when the demo clinic is closed: a --staff call put nobody through
 * then (the assistant had no transfer tool, said "Let me put you through" and the call ended).
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "clinicall-demo-"));
const secrets = loadDemoSecrets(dataDir);
const app = await startRouteServer({
  "/api/webhooks/twilio": twilioRoute.POST,
  "/api/webhooks/twilio/status": twilioStatusRoute.POST,
  "/api/webhooks/twilio/voicemail": voicemailRoute.POST,
  "/api/webhooks/twilio/transcription": transcriptionRoute.POST,
  "/api/webhooks/twilio/after-ai": afterAiRoute.POST,
  "/api/webhooks/twilio/after-dial": afterDialRoute.POST,
  "/api/webhooks/twilio/whisper": whisperRoute.POST,
  "/api/webhooks/twilio/whisper-answer": whisperAnswerRoute.POST,
  "/api/webhooks/vapi": vapiRoute.POST,
});
const demo = await startDemoServices(secrets, { appUrl: app.url });
const test = useTestApp({ env: () => ({ ...demo.env, PUBLIC_BASE_URL: app.url }) });
const manager = new ApiClient();
let clinicId: string;

const SUNDAY_MORNING = "2026-11-29T06:00:00Z";
const TUESDAY_ELEVEN_LONDON = "2026-12-01T11:00:00Z";

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, advanceTimeDelta: 5 });
  vi.setSystemTime(new Date(SUNDAY_MORNING));
  await asService((tx) => seedDemoClinic(tx));
  writeDemoServerAddress(dataDir, {
    appUrl: app.url,
    publicBaseUrl: app.url,
    twilio: { url: demo.twilio.url, accountSid: demo.twilio.accountSid },
  });
  await startJobRunner({ work: true, handlers: jobDefinitions(), database: test.db(), databaseUrl: test.db().url });
  const login = await manager.post(loginRoute.POST, "/api/auth/login", { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
  expect(login.status).toBe(200);
  const [routing] = await test.db().db.select().from(callRouting);
  clinicId = routing!.organisationId;
});
afterAll(async () => {
  await stopJobRunner({ timeoutMs: 1_000 });
  vi.useRealTimers();
  await demo.close();
  await app.close();
});

/** The CLI, as `npm run simulate:call -- <args>` runs it against this DATA_DIR. */
const simulate = (...args: string[]) => runSimulateCall(args, { dataDir, transferWaitMs: 60_000 });

async function setRouting(values: Partial<typeof callRouting.$inferInsert>) {
  await test.db().db.update(callRouting).set(values).where(eq(callRouting.organisationId, clinicId));
}

/** What the clinic sees on the Calls page (the call's legs) and in Messages for the call the CLI placed. */
async function whatTheClinicSees(stdout: string) {
  const callSid = /Call (CA[0-9a-f]{32})/.exec(stdout)?.[1];
  expect(callSid, stdout).toBeDefined();
  const [call] = await test.db().db.select().from(calls).where(eq(calls.twilioCallSid, callSid!));
  const detail = await manager.get(callRoute.GET, `/api/call-logs/${call!.id}`, { id: call!.id });
  expect(detail.status).toBe(200);
  const inbox = await manager.get(messagesRoute.GET, "/api/messages?limit=100");
  expect(inbox.status).toBe(200);
  const messages = (inbox.body.messages as { call_id: string | null; kind: string; reason: string }[]).filter(
    (message) => message.call_id === call!.id,
  );
  return { transfers: detail.body.transfers as Record<string, unknown>[], messages };
}

describe("npm run simulate:call -- --staff (demo mode, any time of day)", () => {
  it("--staff no-answer: the team is rung, nobody takes it, the caller leaves a voicemail; the leg and the message show", async () => {
    const outcome = await simulate("--staff", "no-answer");
    expect(outcome.stderr).toBe("");
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout).toContain("Playing the call during opening hours (--staff no-answer)");
    expect(outcome.stdout).toContain("User: I need to speak to a person, please.");
    expect(outcome.stdout).toContain("Rang +15551239999, +15551239998: nobody took the call (no-answer)");
    expect(outcome.stdout).toContain("Caller left a 12-second voicemail");
    expect(outcome.stdout).toContain("the Calls page shows the call with its transfer leg; the Messages page has the caller's message");
    const seen = await whatTheClinicSees(outcome.stdout);
    expect(seen.transfers).toEqual([expect.objectContaining({ kind: "assistant", status: "no_answer", fallback: "voicemail" })]);
    expect(seen.messages).toEqual([expect.objectContaining({ kind: "voicemail" })]);
  });

  it("--staff answer: the front desk hears the whisper, presses 1 and takes the call; no message", async () => {
    const outcome = await simulate("--staff", "answer");
    expect(outcome.exitCode, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain("+15551239999 hears the whisper and presses 1");
    expect(outcome.stdout).toContain("Rang +15551239999, +15551239998: +15551239999 took the call");
    const seen = await whatTheClinicSees(outcome.stdout);
    expect(seen.transfers).toEqual([
      expect.objectContaining({ status: "answered", answered_by: { name: "Front desk", number: "+15551239999" } }),
    ]);
    expect(seen.messages).toEqual([]);
  });

  it("--staff decline with the clinic offering a callback: both decline at the whisper, a callback message is filed", async () => {
    await setRouting({ noAnswer: "callback" });
    try {
      const outcome = await simulate("--staff", "decline", "--say", "Can I talk to a receptionist about my bill?");
      expect(outcome.exitCode, outcome.stderr).toBe(0);
      expect(outcome.stdout).toContain("+15551239999 hears the whisper and declines");
      expect(outcome.stdout).toContain("+15551239998 hears the whisper and declines");
      expect(outcome.stdout).toContain("nobody took the call");
      expect(outcome.stdout).toContain("the clinic will call you back");
      expect(outcome.stdout).toContain("the Messages page has the caller's message");
      const seen = await whatTheClinicSees(outcome.stdout);
      expect(seen.transfers).toEqual([expect.objectContaining({ status: "no_answer", fallback: "callback" })]);
      expect(seen.messages).toEqual([expect.objectContaining({ kind: "callback" })]);
    } finally {
      await setRouting({ noAnswer: "voicemail" });
    }
  });

  it("a clinic with no staff numbers: says so instead of ending quietly, and the assistant takes a message", async () => {
    const [routing] = await test.db().db.select().from(callRouting).where(eq(callRouting.organisationId, clinicId));
    await setRouting({ staffDestinations: [] });
    try {
      const outcome = await simulate("--staff", "answer");
      expect(outcome.exitCode).toBe(1);
      expect(outcome.stderr).toContain("the clinic has no staff numbers to put callers through to");
      expect(outcome.stderr).toContain("Assistant page (Call routing → Staff numbers)");
      expect(outcome.stdout).not.toContain("Let me put you through");
      expect(outcome.stdout).toContain("I've passed your message to the team");
      const seen = await whatTheClinicSees(outcome.stdout);
      expect(seen.transfers).toEqual([]);
      expect(seen.messages).toEqual([expect.objectContaining({ kind: "message", reason: "I need to speak to a person, please." })]);
    } finally {
      await setRouting({ staffDestinations: routing!.staffDestinations });
    }
  });
});

describe("npm run simulate:call -- --after-hours (on a Tuesday at 11:00, when the clinic is open)", () => {
  beforeAll(() => {
    vi.setSystemTime(new Date(TUESDAY_ELEVEN_LONDON));
  });

  it("the demo clinic's after-hours mode (assistant): it says it is closed, puts nobody through and takes a message", async () => {
    const outcome = await simulate("--after-hours");
    expect(outcome.exitCode, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain("Playing the call after hours (--after-hours)");
    expect(outcome.stdout).toContain("The clinic is closed right now, so there is nobody to put you through to.");
    expect(outcome.stdout).toContain(
      "After hours this clinic's assistant answers (Assistant page → Call routing → After hours: assistant).",
    );
    const seen = await whatTheClinicSees(outcome.stdout);
    expect(seen.transfers).toEqual([]);
    expect(seen.messages).toEqual([expect.objectContaining({ kind: "message" })]);
  });

  it("after-hours mode voicemail: the caller gets the greeting and leaves a voicemail", async () => {
    await setRouting({ afterHoursMode: "voicemail" });
    try {
      const outcome = await simulate("--after-hours");
      expect(outcome.exitCode, outcome.stderr).toBe(0);
      expect(outcome.stdout).toContain("answered without the assistant");
      expect(outcome.stdout).toContain("After hours this clinic takes a voicemail");
      expect(outcome.stdout).toContain("Caller left a 12-second voicemail");
      const seen = await whatTheClinicSees(outcome.stdout);
      expect(seen.messages).toEqual([expect.objectContaining({ kind: "voicemail" })]);
    } finally {
      await setRouting({ afterHoursMode: "assistant" });
    }
  });

  it("after-hours mode forward with --staff answer: the on-call number is rung and takes the call", async () => {
    await setRouting({ afterHoursMode: "forward" });
    try {
      const outcome = await simulate("--after-hours", "--staff", "answer");
      expect(outcome.exitCode, outcome.stderr).toBe(0);
      expect(outcome.stdout).toContain("After hours this clinic forwards calls to its on-call number");
      expect(outcome.stdout).toContain("Rang +15551239997: +15551239997 took the call");
      const seen = await whatTheClinicSees(outcome.stdout);
      expect(seen.transfers).toEqual([expect.objectContaining({ kind: "after_hours", status: "answered" })]);
    } finally {
      await setRouting({ afterHoursMode: "assistant" });
    }
  });

  it("without --staff or --after-hours the call follows the clock: open now, so the assistant puts the caller through", async () => {
    const outcome = await simulate("--say", "Can I speak to a person?");
    expect(outcome.exitCode, outcome.stderr).toBe(0);
    expect(outcome.stdout).not.toContain("Playing the call");
    expect(outcome.stdout).toContain("nobody took the call");
  });
});
