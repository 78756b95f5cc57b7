import { eq, type sql } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import * as afterAiRoute from "@/app/api/webhooks/twilio/after-ai/route";
import * as afterDialRoute from "@/app/api/webhooks/twilio/after-dial/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as twilioStatusRoute from "@/app/api/webhooks/twilio/status/route";
import * as transcriptionRoute from "@/app/api/webhooks/twilio/transcription/route";
import * as voicemailRoute from "@/app/api/webhooks/twilio/voicemail/route";
import * as whisperRoute from "@/app/api/webhooks/twilio/whisper/route";
import * as whisperAnswerRoute from "@/app/api/webhooks/twilio/whisper-answer/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { type PlayCallInput, playCall } from "@/providers/twilio/call-player";
import { startTwilioEmulator } from "@/providers/twilio/emulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import type { CallRoutingJson } from "@/server/call-routing/call-routing-json";
import { DEFAULT_CALL_ROUTING } from "@/server/call-routing/call-routing-json";
import { callRouting, calls, callTransfers, messages } from "@/server/db/schema";
import { getJobBoss, startJobRunner } from "@/server/jobs/job-runner";
import { type JobType, jobRegistry } from "@/server/jobs/registry";
import { useTestApp } from "../helpers/api";
import { createFactories, type Organisation } from "../helpers/factories";
import { startRouteServer } from "../helpers/route-server";
import { waitFor } from "../helpers/wait-for";

export const TWILIO_TOKEN = "twilio-transfer-test-token";
const ACCOUNT = `AC${"7".repeat(32)}`;
const VAPI_KEY = "vapi-transfer-key";
const VAPI_SECRET = "vapi-transfer-webhook-secret";

const routes = {
  "/api/webhooks/twilio": twilioRoute.POST,
  "/api/webhooks/twilio/status": twilioStatusRoute.POST,
  "/api/webhooks/twilio/voicemail": voicemailRoute.POST,
  "/api/webhooks/twilio/transcription": transcriptionRoute.POST,
  "/api/webhooks/twilio/after-ai": afterAiRoute.POST,
  "/api/webhooks/twilio/after-dial": afterDialRoute.POST,
  "/api/webhooks/twilio/whisper": whisperRoute.POST,
  "/api/webhooks/twilio/whisper-answer": whisperAnswerRoute.POST,
  "/api/webhooks/vapi": vapiRoute.POST,
};

/** A migrated database, the Vapi and Twilio emulators, the Twilio and Vapi webhooks on loopback, and jobs worked on demand. */
export async function useTransferWorld() {
  const vapi = await startVapiEmulator({ apiKey: VAPI_KEY });
  const twilio = await startTwilioEmulator({ accountSid: ACCOUNT, authToken: TWILIO_TOKEN });
  const app = await startRouteServer(routes);
  afterAll(async () => {
    await vapi.close();
    await twilio.close();
    await app.close();
  });
  const test = useTestApp({
    env: () => ({
      PUBLIC_BASE_URL: app.url,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_ACCOUNT_SID: ACCOUNT,
      TWILIO_API_URL: twilio.url,
      VAPI_API_KEY: VAPI_KEY,
      VAPI_API_URL: vapi.url,
      VAPI_WEBHOOK_SECRET: VAPI_SECRET,
      VAPI_PHONE_NUMBER_ID: "vapi-default-number",
      VAPI_CALL_TIMEOUT_MS: "12000",
      DEMO: "0",
    }),
  });
  beforeAll(async () => {
    await startJobRunner({ work: false, database: test.db(), databaseUrl: test.db().url });
  });
  const db = () => test.db().db;

  /** Works every queued job of these types (the runner here only enqueues), as a worker would. */
  async function runJobs(...types: JobType[]): Promise<number> {
    const boss = await getJobBoss();
    let done = 0;
    for (const type of types) {
      const jobs = await boss.fetch(type, { batchSize: 50 });
      for (const job of jobs ?? []) {
        await (jobRegistry[type].handle as (data: unknown, ctx: unknown) => Promise<void>)(job.data, {
          jobId: job.id,
          retryCount: 0,
          signal: new AbortController().signal,
        });
        await boss.complete(type, job.id);
        done++;
      }
    }
    return done;
  }

  /** Waits for the transfer job the tool enqueued (it starts a moment later) and works it. */
  async function runTransferJob(): Promise<void> {
    await waitFor("the calls.transfer job", async () => (await runJobs("calls.transfer")) > 0, { intervalMs: 100 });
  }

  interface ClinicOptions {
    routing?: Partial<CallRoutingJson> | null;
    /** Open every day, all day (default), or closed every day. */
    open?: boolean;
    timezone?: string;
    language?: "en" | "ru";
  }

  async function clinic(options: ClinicOptions = {}) {
    const f = createFactories(db());
    const organisation = await f.createOrganisation({ name: "Harbour Dental", timezone: options.timezone ?? "Europe/London" });
    const number = await f.createPhoneNumber(organisation);
    await f.createAssistantSettings(organisation, {
      defaultLanguage: options.language ?? "en",
      greetingRu: "Здравствуйте, это клиника.",
    });
    if (options.open !== false) {
      for (const day of [0, 1, 2, 3, 4, 5, 6])
        await f.createWorkingHours(organisation, { dayOfWeek: day, opensAt: "00:00", closesAt: "24:00" });
    }
    await f.createIntent(organisation, {
      name: "Opening hours",
      examplePhrases: ["when are you open"],
      responseEn: "We are open every day.",
      responseRu: "Мы работаем каждый день.",
    });
    if (options.routing !== null) {
      const routing = {
        ...DEFAULT_CALL_ROUTING,
        staff_destinations: [
          { name: "Front desk", number: "+441632960101", sms: false },
          { name: "Practice manager", number: "+441632960102", sms: false },
        ],
        ...options.routing,
      };
      await db().insert(callRouting).values({
        organisationId: organisation.id,
        staffDestinations: routing.staff_destinations,
        ringTimeoutSeconds: routing.ring_timeout_seconds,
        ringStaffFirst: routing.ring_staff_first,
        ringStaffFirstSeconds: routing.ring_staff_first_seconds,
        noAnswer: routing.no_answer,
        afterHoursMode: routing.after_hours_mode,
        onCallNumber: routing.on_call_number,
        emergencyTransfer: routing.emergency_transfer,
      });
    }
    return { organisation, number, f };
  }

  function play(to: string, input: Partial<PlayCallInput> = {}) {
    return playCall({
      appUrl: app.url,
      authToken: TWILIO_TOKEN,
      twilio: { url: twilio.url, accountSid: ACCOUNT },
      to,
      from: "+447700900555",
      callerSays: ["Hello, can I speak to a person please? It is about my crown."],
      ...input,
    });
  }

  async function callOf(organisation: Organisation) {
    const [row] = await db().select().from(calls).where(eq(calls.organisationId, organisation.id));
    return row!;
  }
  const transfersOf = (organisation: Organisation) =>
    db().select().from(callTransfers).where(eq(callTransfers.organisationId, organisation.id)).orderBy(callTransfers.createdAt);
  const messagesOf = (organisation: Organisation) =>
    db().select().from(messages).where(eq(messages.organisationId, organisation.id)).orderBy(messages.createdAt);
  const count = async (query: ReturnType<typeof sql>) => Number((await db().execute(query)).rows[0]!.n);

  return { app, vapi, twilio, test, db, runJobs, runTransferJob, clinic, play, callOf, transfersOf, messagesOf, count };
}
