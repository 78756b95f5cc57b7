import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import Stripe from "stripe";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as stripeRoute from "@/app/api/webhooks/stripe/route";
import * as afterAiRoute from "@/app/api/webhooks/twilio/after-ai/route";
import * as afterDialRoute from "@/app/api/webhooks/twilio/after-dial/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as smsRoute from "@/app/api/webhooks/twilio/sms/route";
import * as smsStatusRoute from "@/app/api/webhooks/twilio/sms/status/route";
import * as statusRoute from "@/app/api/webhooks/twilio/status/route";
import * as transcriptionRoute from "@/app/api/webhooks/twilio/transcription/route";
import * as voicemailRoute from "@/app/api/webhooks/twilio/voicemail/route";
import * as whisperRoute from "@/app/api/webhooks/twilio/whisper/route";
import * as whisperAnswerRoute from "@/app/api/webhooks/twilio/whisper-answer/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { billingCustomers, callRouting, callTransfers, messages, patients, smsMessages, stripeEvents } from "@/server/db/schema";
import { BODY_LIMITS } from "@/server/http/read-body";
import { BASE_URL, useTestApp } from "../helpers/api";
import { clinicFingerprint, endlessBody, HUNDRED_KB, ROUTE_TIMEOUT_MS, withBoundedLogs } from "../helpers/bad-input";
import { createFactories, type Organisation } from "../helpers/factories";
import { type RouteHandler, signedWebhooks } from "../helpers/signed-webhooks";

/**
 * Bad provider input to the webhooks the second wave added (issue 12 §3 and §5): Twilio's inbound
 * SMS and message status, the transfer callbacks (Connect action, Dial action, whisper and its
 * Gather), the voicemail transcription, Stripe's events, and the Vapi tools transfer_to_staff and
 * take_message. Unsigned → refused before the body is read; over the cap → 413; any value in any
 * field → a 2xx (stored cleaned) or a 4xx, never a 5xx; a replay has no second effect; another
 * clinic's ids change nothing of theirs; every log line bounded.
 */
// Hundreds of requests per test: on a loaded 2-core machine a test may take 20 times as long as on a quiet one.
vi.setConfig({ testTimeout: ROUTE_TIMEOUT_MS, hookTimeout: ROUTE_TIMEOUT_MS });
const webhooks = signedWebhooks("bad-input-new");
const STRIPE_SECRET = "whsec_badinputnew1";
const test = useTestApp({
  jobs: "enqueue",
  env: () => ({
    ...webhooks.env,
    STRIPE_SECRET_KEY: "sk_test_badinputnew1",
    STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
    STRIPE_PRICE_ID: "price_plan",
    // Nothing listens here: anything that reaches Stripe fails fast.
    STRIPE_API_URL: "http://127.0.0.1:9",
  }),
});

const hex = (n: number, width = 32) => n.toString(16).padStart(width, "0");
const CUSTOMER_A = "cus_badinputclinica";
const CUSTOMER_B = "cus_badinputclinicb";

interface Clinic {
  organisation: Organisation;
  number: string;
  callSid: string;
  vapiCallId: string;
  callId: string;
  transferId: string;
}
let a: Clinic;
let b: Clinic;

async function clinic(n: number, customer: string): Promise<Clinic> {
  const db = test.db().db;
  const f = createFactories(db);
  const organisation = await f.createOrganisation({ name: `Clinic ${n}` });
  const number = await f.createPhoneNumber(organisation);
  await f.createAssistantSettings(organisation);
  // An owner, so that billing events that email owners get as far as the email.
  await f.addMember(organisation, await f.createUser(), "owner");
  const call = await f.createCall(organisation, {
    phoneNumberId: number.id,
    toNumber: number.phoneNumber,
    fromNumber: "+447700900555",
    status: "in-progress",
    twilioCallSid: `CA${hex(n)}`,
    vapiCallId: `vapi-bad-input-${n}`,
  });
  await db.insert(callRouting).values({
    organisationId: organisation.id,
    staffDestinations: [
      { name: "Front desk", number: "+441632960101", sms: false },
      { name: "Manager", number: "+441632960102", sms: false },
    ],
    ringTimeoutSeconds: 20,
  });
  const [transfer] = await db
    .insert(callTransfers)
    .values({
      organisationId: organisation.id,
      callId: call.id,
      kind: "assistant",
      status: "dialing",
      reason: `Reason of clinic ${n.toString(16)}`,
      destinations: [
        { name: "Front desk", number: "+441632960101" },
        { name: "Manager", number: "+441632960102" },
      ],
    })
    .returning();
  await db.insert(billingCustomers).values({ organisationId: organisation.id, stripeCustomerId: customer });
  return {
    organisation,
    number: number.phoneNumber,
    callSid: call.twilioCallSid!,
    vapiCallId: call.vapiCallId!,
    callId: call.id,
    transferId: transfer!.id,
  };
}

beforeAll(async () => {
  a = await clinic(0xa1, CUSTOMER_A);
  b = await clinic(0xb2, CUSTOMER_B);
});

// ---- senders ------------------------------------------------------------------------------

const signedTwilio = webhooks.twilio;

/** A Vapi webhook: `message` wrapped as Vapi sends it, or a raw body as it stands. */
function vapi(message: unknown) {
  return webhooks.vapi(typeof message === "string" ? message : JSON.stringify({ message }));
}

function stripe(payload: string) {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET, timestamp: Math.floor(Date.now() / 1000) });
  return stripeRoute.POST(
    new Request(`${BASE_URL}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body: payload,
    }),
  );
}

function toolCall(clinic: Clinic, toolCallId: string, name: string, args: unknown, metadata?: Record<string, unknown>) {
  return vapi({
    type: "tool-calls",
    call: {
      id: clinic.vapiCallId,
      metadata: metadata ?? { organisation_id: clinic.organisation.id, call_id: clinic.callId },
    },
    toolCallList: [{ id: toolCallId, type: "function", function: { name, arguments: args } }],
  });
}

function expectNot5xx(res: Response, what: string) {
  expect(res.status, what).toBeLessThan(500);
}

// ---- the values ---------------------------------------------------------------------------

/** What a form field or query parameter may carry: every class of issue 12 that fits a form's 64 KB. */
const BAD_FORM_VALUES: Record<string, string> = {
  nul: "a\u0000b",
  loneSurrogate: "x\ud800y",
  huge30k: "9".repeat(30_000),
  empty: "",
  overflow: "1e308",
  negative: "-1",
  twoTo63: "9223372036854775808",
  nanish: "NaN",
  yearZero: "0000-01-01T00:00:00Z",
  farFuture: "+275760-09-13T00:00:00.001Z",
  feb30: "2027-02-30",
  tzGarbage: "2027-03-10T09:00:00+99:00",
  json: '{"a":[[[[[[[[]]]]]]]]}',
  sqlish: "'; drop table calls; --",
};

interface TwilioForm {
  name: string;
  handler: RouteHandler;
  path: string;
  query: () => Record<string, string>;
  params: () => Record<string, string>;
}

const twilioForms: TwilioForm[] = [
  {
    name: "inbound SMS",
    handler: smsRoute.POST,
    path: "/api/webhooks/twilio/sms",
    query: () => ({}),
    params: () => ({ MessageSid: `SM${hex(0x5001)}`, From: "+447700900555", To: a.number, Body: "Can I move my appointment?" }),
  },
  {
    name: "SMS status",
    handler: smsStatusRoute.POST,
    path: "/api/webhooks/twilio/sms/status",
    query: () => ({}),
    params: () => ({ MessageSid: `SM${hex(0x5002)}`, MessageStatus: "delivered", ErrorCode: "30003" }),
  },
  {
    name: "call status",
    handler: statusRoute.POST,
    path: "/api/webhooks/twilio/status",
    query: () => ({}),
    params: () => ({ CallSid: a.callSid, CallStatus: "in-progress", CallDuration: "12" }),
  },
  {
    name: "voicemail",
    handler: voicemailRoute.POST,
    path: "/api/webhooks/twilio/voicemail",
    query: () => ({ transfer: a.transferId }),
    params: () => ({
      CallSid: a.callSid,
      RecordingUrl: "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1",
      RecordingSid: `RE${hex(0x7001)}`,
      RecordingDuration: "12",
    }),
  },
  {
    name: "transcription",
    handler: transcriptionRoute.POST,
    path: "/api/webhooks/twilio/transcription",
    query: () => ({}),
    params: () => ({
      CallSid: a.callSid,
      RecordingSid: `RE${hex(0x7001)}`,
      TranscriptionSid: `TR${hex(0x7001)}`,
      TranscriptionStatus: "completed",
      TranscriptionText: "Please call me back about my crown.",
    }),
  },
  {
    name: "Connect action (after-ai)",
    handler: afterAiRoute.POST,
    path: "/api/webhooks/twilio/after-ai",
    query: () => ({ call: a.callId }),
    params: () => ({ CallSid: a.callSid }),
  },
  {
    name: "Dial action (after-dial)",
    handler: afterDialRoute.POST,
    path: "/api/webhooks/twilio/after-dial",
    query: () => ({ transfer: a.transferId }),
    params: () => ({ CallSid: a.callSid, DialCallStatus: "no-answer", DialCallDuration: "0" }),
  },
  {
    name: "whisper",
    handler: whisperRoute.POST,
    path: "/api/webhooks/twilio/whisper",
    query: () => ({ transfer: a.transferId, d: "0" }),
    params: () => ({ CallSid: `CA${hex(0xc001)}`, ParentCallSid: a.callSid }),
  },
  {
    name: "whisper answer (Gather)",
    handler: whisperAnswerRoute.POST,
    path: "/api/webhooks/twilio/whisper-answer",
    query: () => ({ transfer: a.transferId, d: "0" }),
    params: () => ({ CallSid: `CA${hex(0xc001)}`, ParentCallSid: a.callSid, Digits: "2" }),
  },
];

const withQuery = (path: string, query: Record<string, string>) =>
  Object.keys(query).length > 0 ? `${path}?${new URLSearchParams(query)}` : path;

// ---- the tests ----------------------------------------------------------------------------

describe("unsigned webhooks are refused before their body is read; signed ones are cut at their cap", () => {
  const twilioHandlers: [string, RouteHandler][] = [
    ...twilioForms.map((f): [string, RouteHandler] => [f.path, f.handler]),
    ["/api/webhooks/twilio", twilioRoute.POST],
  ];

  it("Twilio: no signature → 403 reading nothing; a wrong one → 403; a signed 200 MB body → 413 at 64 KB", async () => {
    await withBoundedLogs(async () => {
      for (const [path, handler] of twilioHandlers) {
        const unsigned = endlessBody(200 * 1024 * 1024);
        const res = await handler(streamed(path, unsigned.stream, { "content-type": "application/x-www-form-urlencoded" }));
        expect(res.status, path).toBe(403);
        expect(unsigned.pulled(), `${path} unsigned: bytes read`).toBeLessThanOrEqual(128 * 1024);
        const wrong = await handler(
          new Request(`${BASE_URL}${path}`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "bm90IGEgc2lnbmF0dXJl" },
            body: new URLSearchParams({ CallSid: a.callSid, MessageSid: `SM${hex(1)}` }),
          }),
        );
        expect(wrong.status, `${path} wrong signature`).toBe(403);
        // A wrong signature on a URL with a 100 KB query: refused, and its log line stays short.
        const longQuery = await handler(
          new Request(`${BASE_URL}${path}?transfer=${HUNDRED_KB}`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "bm90IGEgc2lnbmF0dXJl" },
            body: new URLSearchParams({ CallSid: a.callSid }),
          }),
        );
        expect(longQuery.status, `${path} 100 KB query`).toBe(403);
        const big = endlessBody(200 * 1024 * 1024);
        const tooBig = await handler(
          streamed(path, big.stream, { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "c2lnbmVk" }),
        );
        expect(tooBig.status, `${path} over the cap`).toBe(413);
        expect(big.pulled(), `${path} over the cap: bytes read`).toBeLessThanOrEqual(BODY_LIMITS.twilioForm + 192 * 1024);
      }
    });
  });

  it("Vapi: no or a wrong x-vapi-secret → 401 reading nothing; 200 MB → 413 at its cap", async () => {
    for (const secret of [undefined, "wrong-secret"]) {
      const body = endlessBody(200 * 1024 * 1024);
      const res = await vapiRoute.POST(streamed("/api/webhooks/vapi", body.stream, secret ? { "x-vapi-secret": secret } : {}));
      expect(res.status).toBe(401);
      expect(body.pulled()).toBeLessThanOrEqual(128 * 1024);
    }
    const big = endlessBody(200 * 1024 * 1024);
    const res = await vapiRoute.POST(streamed("/api/webhooks/vapi", big.stream, { "x-vapi-secret": webhooks.env.VAPI_WEBHOOK_SECRET }));
    expect(res.status).toBe(413);
    expect(big.pulled()).toBeLessThanOrEqual(BODY_LIMITS.vapiWebhook + 192 * 1024);
  });

  it("Stripe: no Stripe-Signature → 400 reading nothing; a wrong one → 400 writing nothing; 200 MB → 413 at its cap", async () => {
    const body = endlessBody(200 * 1024 * 1024);
    const res = await stripeRoute.POST(streamed("/api/webhooks/stripe", body.stream, { "content-type": "application/json" }));
    expect(res.status).toBe(400);
    expect(body.pulled()).toBeLessThanOrEqual(128 * 1024);
    const event = stripeEvent("evt_wrongsignature1", "invoice.paid", { object: "invoice", id: "in_1", customer: CUSTOMER_A });
    const wrong = await stripeRoute.POST(
      new Request(`${BASE_URL}/api/webhooks/stripe`, {
        method: "POST",
        headers: { "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` },
        body: event,
      }),
    );
    expect(wrong.status).toBe(400);
    expect(await test.db().db.select().from(stripeEvents).where(eq(stripeEvents.eventId, "evt_wrongsignature1"))).toHaveLength(0);
    const big = endlessBody(200 * 1024 * 1024);
    const tooBig = await stripeRoute.POST(streamed("/api/webhooks/stripe", big.stream, { "stripe-signature": "t=1,v1=00" }));
    expect(tooBig.status).toBe(413);
    expect(big.pulled()).toBeLessThanOrEqual(BODY_LIMITS.stripeWebhook + 192 * 1024);
  });
});

describe("bad values in every field of every new Twilio callback: never a 5xx, nothing of another clinic changes", () => {
  for (const form of twilioForms) {
    it(form.name, async () => {
      const theirs = await clinicFingerprint(test.db(), b.organisation.id);
      await withBoundedLogs(async () => {
        const send = (query: Record<string, string>, params: Record<string, string>) =>
          signedTwilio(form.handler, withQuery(form.path, query), params);
        for (const key of Object.keys(form.params())) {
          const { [key]: _dropped, ...without } = form.params();
          expectNot5xx(await send(form.query(), without), `${form.name} without ${key}`);
          for (const [label, value] of Object.entries(BAD_FORM_VALUES)) {
            expectNot5xx(await send(form.query(), { ...form.params(), [key]: value }), `${form.name} ${key}=${label}`);
          }
          // 100 KB in one field: over the form cap, refused whole.
          const huge = await send(form.query(), { ...form.params(), [key]: HUNDRED_KB });
          expect(huge.status, `${form.name} ${key}=100KB`).toBe(413);
        }
        for (const key of Object.keys(form.query())) {
          for (const [label, value] of Object.entries({ ...BAD_FORM_VALUES, huge100k: HUNDRED_KB })) {
            const res = await send({ ...form.query(), [key]: value }, form.params());
            expect(res.status, `${form.name} ?${key}=${label}`).toBeGreaterThanOrEqual(200);
            expectNot5xx(res, `${form.name} ?${key}=${label}`);
            if (form.path !== "/api/webhooks/twilio/voicemail") expect(res.status, `${form.name} ?${key}=${label}`).toBe(400);
          }
        }
        // The other clinic's transfer or call in the query, with this clinic's call: not theirs to touch.
        const theirIds = Object.fromEntries(
          Object.entries(form.query()).map(([k, v]) => [k, k === "d" ? v : k === "call" ? b.callId : b.transferId]),
        );
        if (Object.keys(theirIds).length > 0) expectNot5xx(await send(theirIds, form.params()), `${form.name} with the other clinic's ids`);
      });
      expect(await clinicFingerprint(test.db(), b.organisation.id)).toEqual(theirs);
      // This clinic's transfer in the query beside the other clinic's call (a CallSid is the call's
      // own identity: their call may get its voicemail or status), but nothing of this clinic's reaches them.
      await withBoundedLogs(async () => {
        const crossed = { ...form.params(), CallSid: b.callSid, ParentCallSid: b.callSid };
        expectNot5xx(await signedTwilio(form.handler, withQuery(form.path, form.query()), crossed), `${form.name} crossed`);
      });
      const leaked = await test
        .db()
        .db.execute(
          sql`select count(*)::int as n from messages where organisation_id = ${b.organisation.id} and reason like ${`%clinic ${(0xa1).toString(16)}%`}`,
        );
      expect(leaked.rows[0]!.n).toBe(0);
    });
  }

  it("any string in any field or query parameter (fast-check, fixed seed)", async () => {
    const theirs = await clinicFingerprint(test.db(), b.organisation.id);
    await withBoundedLogs(async () => {
      const formAndKey = fc.constantFrom(...twilioForms).chain((form) =>
        fc.record({
          form: fc.constant(form),
          key: fc.constantFrom(
            ...Object.keys(form.params()).map((k) => `form:${k}`),
            ...Object.keys(form.query()).map((k) => `query:${k}`),
          ),
        }),
      );
      await fc.assert(
        fc.asyncProperty(formAndKey, fc.string({ unit: "binary", maxLength: 300 }), async ({ form, key }, value) => {
          const [where, name] = key.split(":") as ["form" | "query", string];
          const query = where === "query" ? { ...form.query(), [name]: value } : form.query();
          const params = where === "form" ? { ...form.params(), [name]: value } : form.params();
          expectNot5xx(
            await signedTwilio(form.handler, withQuery(form.path, query), params),
            `${form.name} ${key}=${JSON.stringify(value)}`,
          );
        }),
        { seed: 20261207, numRuns: 150, endOnFailure: true },
      );
    });
    expect(await clinicFingerprint(test.db(), b.organisation.id)).toEqual(theirs);
  });
});

describe("replayed Twilio callbacks have no second effect", () => {
  it("an inbound text, a STOP, a status, a voicemail and its transcription delivered twice", async () => {
    const db = test.db().db;
    const text = { MessageSid: `SM${hex(0x6001)}`, From: "+447700900777", To: a.number, Body: "Is parking free?" };
    for (let i = 0; i < 2; i++) expect((await signedTwilio(smsRoute.POST, "/api/webhooks/twilio/sms", text)).status).toBe(200);
    expect(await db.select().from(smsMessages).where(eq(smsMessages.twilioSid, text.MessageSid))).toHaveLength(1);
    expect(
      await db
        .select()
        .from(messages)
        .where(eq(messages.sourceKey, `sms:${text.MessageSid}`)),
    ).toHaveLength(1);

    const stop = { MessageSid: `SM${hex(0x6002)}`, From: "+447700900777", To: a.number, Body: "STOP", OptOutType: "STOP" };
    for (let i = 0; i < 2; i++) expect((await signedTwilio(smsRoute.POST, "/api/webhooks/twilio/sms", stop)).status).toBe(200);
    const [patient] = await db
      .select()
      .from(patients)
      .where(and(eq(patients.organisationId, a.organisation.id), eq(patients.phoneNumber, "+447700900777")));
    expect(patient!.smsOptedOutAt).not.toBeNull();
    expect(await db.select().from(smsMessages).where(eq(smsMessages.twilioSid, stop.MessageSid))).toHaveLength(1);

    const voicemail = {
      CallSid: a.callSid,
      RecordingUrl: "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE2",
      RecordingSid: `RE${hex(0x7002)}`,
      RecordingDuration: "9",
    };
    for (let i = 0; i < 2; i++) {
      expect((await signedTwilio(voicemailRoute.POST, "/api/webhooks/twilio/voicemail", voicemail)).status).toBe(200);
    }
    const key = `voicemail:${voicemail.RecordingSid}`;
    expect(await db.select().from(messages).where(eq(messages.sourceKey, key))).toHaveLength(1);
    const transcription = (words: string) => ({
      CallSid: a.callSid,
      RecordingSid: voicemail.RecordingSid,
      TranscriptionSid: `TR${hex(0x7002)}`,
      TranscriptionStatus: "completed",
      TranscriptionText: words,
    });
    expect((await signedTwilio(transcriptionRoute.POST, "/api/webhooks/twilio/transcription", transcription("First words"))).status).toBe(
      204,
    );
    expect((await signedTwilio(transcriptionRoute.POST, "/api/webhooks/twilio/transcription", transcription("Other words"))).status).toBe(
      204,
    );
    expect((await db.select().from(messages).where(eq(messages.sourceKey, key)))[0]!.transcription).toBe("First words");
  });

  it("the whisper's 1 pressed on two legs and the Dial action delivered twice: one answer, one decision", async () => {
    const db = test.db().db;
    const [transfer] = await db
      .insert(callTransfers)
      .values({
        organisationId: a.organisation.id,
        callId: a.callId,
        kind: "assistant",
        status: "dialing",
        destinations: [
          { name: "Front desk", number: "+441632960101" },
          { name: "Manager", number: "+441632960102" },
        ],
      })
      .returning();
    const press = (d: string, leg: number) =>
      signedTwilio(whisperAnswerRoute.POST, `/api/webhooks/twilio/whisper-answer?transfer=${transfer!.id}&d=${d}`, {
        CallSid: `CA${hex(leg)}`,
        ParentCallSid: a.callSid,
        Digits: "1",
      });
    const taking = await press("1", 0xd2);
    expect(taking.status).toBe(200);
    expect(await taking.text()).not.toMatch(/Hangup/);
    // The other leg presses 1 later, and the first leg's press is delivered again: neither takes it over.
    expect(await (await press("0", 0xd1)).text()).toMatch(/Hangup/);
    expect(await (await press("1", 0xd2)).text()).toMatch(/Hangup/);
    const [taken] = await db.select().from(callTransfers).where(eq(callTransfers.id, transfer!.id));
    expect(taken).toMatchObject({ answeredByNumber: "+441632960102", answeredByName: "Manager" });
    const dial = () =>
      signedTwilio(afterDialRoute.POST, `/api/webhooks/twilio/after-dial?transfer=${transfer!.id}`, {
        CallSid: a.callSid,
        DialCallStatus: "completed",
        DialCallDuration: "40",
      });
    const first = await dial();
    const [decided] = await db.select().from(callTransfers).where(eq(callTransfers.id, transfer!.id));
    const second = await dial();
    expect(second.status).toBe(first.status);
    expect(await second.text()).toBe(await first.text());
    const [again] = await db.select().from(callTransfers).where(eq(callTransfers.id, transfer!.id));
    expect(again).toEqual(decided);
    expect(decided).toMatchObject({ status: "answered", durationSeconds: 40 });
  });
});

describe("Vapi's transfer_to_staff and take_message with bad arguments", () => {
  const ARGUMENT_VALUES: unknown[] = [
    "a\u0000b",
    "x\ud800y",
    "\udc00",
    "9".repeat(100_000),
    1e308,
    -1,
    2 ** 63,
    "NaN",
    "0000-01-01",
    "+275760-09-13T00:00:00.001Z",
    "2027-02-30",
    null,
    true,
    [],
    { nested: { deeper: [1, 2, 3] } },
    "",
  ];
  const tools: { name: string; args: Record<string, unknown> }[] = [
    {
      name: "take_message",
      args: { reason: "Call back about a crown", caller_name: "Ann", callback_number: "+447700900123", summary: "x", urgent: false },
    },
    { name: "transfer_to_staff", args: { reason: "Wants a person", summary: "About a crown", emergency: false } },
  ];

  for (const tool of tools) {
    it(`${tool.name}: every argument, never a 5xx; rows land in the call's own clinic only`, async () => {
      const theirs = await clinicFingerprint(test.db(), b.organisation.id);
      await withBoundedLogs(async () => {
        let n = 0;
        for (const key of Object.keys(tool.args)) {
          for (const value of ARGUMENT_VALUES) {
            const res = await toolCall(a, `tool-${tool.name}-${key}-${n++}`, tool.name, { ...tool.args, [key]: value });
            expectNot5xx(res, `${tool.name} ${key}=${JSON.stringify(value)?.slice(0, 40)}`);
          }
        }
        for (const args of ["not an object", 42, null, [tool.args], JSON.stringify(tool.args), deep(30), deep(100)]) {
          const res = await toolCall(a, `tool-${tool.name}-whole-${n++}`, tool.name, args);
          expectNot5xx(res, `${tool.name} arguments ${JSON.stringify(args)?.slice(0, 40)}`);
        }
        // 10,000 levels of arguments: refused whole.
        const tooDeep = `{"message":{"type":"tool-calls","call":{"id":"${a.vapiCallId}"},"toolCallList":[{"id":"tool-deep","type":"function","function":{"name":"${tool.name}","arguments":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}}]}}`;
        const deepRes = await vapi(tooDeep);
        expect(deepRes.status, `${tool.name} 10,000 levels`).toBeGreaterThanOrEqual(400);
        expectNot5xx(deepRes, `${tool.name} 10,000 levels`);
        // Metadata naming the other clinic: the call is matched by its Vapi id alone.
        const crossed = await toolCall(a, `tool-${tool.name}-crossed`, tool.name, tool.args, {
          organisation_id: b.organisation.id,
          call_id: b.callId,
        });
        expectNot5xx(crossed, `${tool.name} with the other clinic's metadata`);
      });
      expect(await clinicFingerprint(test.db(), b.organisation.id)).toEqual(theirs);
    });
  }

  it("a retried tool call (same id) has no second effect", async () => {
    const db = test.db().db;
    const before = await db.select().from(callTransfers).where(eq(callTransfers.callId, a.callId));
    for (let i = 0; i < 2; i++) {
      expectNot5xx(await toolCall(a, "tool-replay-message", "take_message", { reason: "Replay me" }), "take_message replay");
      expectNot5xx(await toolCall(a, "tool-replay-transfer", "transfer_to_staff", { reason: "Replay me" }), "transfer replay");
    }
    expect(await db.select().from(messages).where(eq(messages.sourceKey, "tool:tool-replay-message"))).toHaveLength(1);
    const after = await db.select().from(callTransfers).where(eq(callTransfers.callId, a.callId));
    expect(after.length - before.length).toBeLessThanOrEqual(1);
  });
});

function deep(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function stripeEvent(id: string, type: string, object: Record<string, unknown>, created: unknown = Math.floor(Date.now() / 1000)): string {
  return JSON.stringify({ id, object: "event", type, created, data: { object } });
}

describe("Stripe events signed but odd: never a 5xx, nothing of another clinic changes", () => {
  it("bad ids, times and amounts in every field Stripe's events carry", async () => {
    const theirs = await clinicFingerprint(test.db(), b.organisation.id);
    await withBoundedLogs(async () => {
      const badNumbers: unknown[] = [1e308, -1, 2 ** 63, "NaN", "2027-02-30", null, "0000-01-01T00:00:00Z", 8.64e15 + 1];
      const badStrings: unknown[] = ["a\u0000b", "x\ud800y", "9".repeat(100_000), "", 42, null, { id: "in_1" }];
      let n = 0;
      const id = () => `evt_badinput${n++}`;
      const sends: string[] = [];
      for (const created of badNumbers)
        sends.push(stripeEvent(id(), "invoice.paid", { object: "invoice", id: "in_x", customer: CUSTOMER_A }, created));
      for (const eventId of badStrings)
        sends.push(JSON.stringify({ id: eventId, object: "event", type: "invoice.paid", created: 1, data: {} }));
      for (const customer of [...badStrings, CUSTOMER_B.replace("b", "\u0000")]) {
        sends.push(stripeEvent(id(), "customer.subscription.updated", { object: "subscription", id: "sub_x", customer }));
      }
      for (const invoiceId of badStrings) {
        sends.push(
          stripeEvent(id(), "invoice.payment_failed", { object: "invoice", id: invoiceId, customer: CUSTOMER_A, created: 1_800_000_000 }),
        );
      }
      for (const created of badNumbers) {
        sends.push(stripeEvent(id(), "invoice.payment_failed", { object: "invoice", id: `in_bad${n}`, customer: CUSTOMER_A, created }));
      }
      for (const subscriptionId of badStrings) {
        sends.push(
          stripeEvent(id(), "customer.subscription.trial_will_end", {
            object: "subscription",
            id: subscriptionId,
            customer: CUSTOMER_A,
            trial_end: 1_800_000_000,
          }),
        );
      }
      for (const trialEnd of badNumbers) {
        sends.push(
          stripeEvent(id(), "customer.subscription.trial_will_end", {
            object: "subscription",
            id: `sub_bad${n}`,
            customer: CUSTOMER_A,
            trial_end: trialEnd,
          }),
        );
      }
      for (const type of ["a\u0000b", "9".repeat(100_000), 42]) {
        sends.push(JSON.stringify({ id: id(), object: "event", type, created: 1, data: { object: { customer: CUSTOMER_A } } }));
      }
      sends.push(`{"id":"${id()}","object":"event","type":"invoice.paid","created":1,"data":${"[".repeat(10_000)}${"]".repeat(10_000)}}`);
      for (const payload of sends) expectNot5xx(await stripe(payload), `Stripe ${payload.slice(0, 200)}`);
    });
    expect(await clinicFingerprint(test.db(), b.organisation.id)).toEqual(theirs);
  });

  it("an event delivered twice is recorded once", async () => {
    const event = stripeEvent("evt_badinputreplay1", "invoice.paid", { object: "invoice", id: "in_replay", customer: CUSTOMER_A });
    const first = await stripe(event);
    expect(await first.json()).toMatchObject({ outcome: "enqueued" });
    const second = await stripe(event);
    expect(await second.json()).toMatchObject({ outcome: "duplicate" });
    expect(await test.db().db.select().from(stripeEvents).where(eq(stripeEvents.eventId, "evt_badinputreplay1"))).toHaveLength(1);
  });
});

function streamed(path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>): Request {
  return new Request(`${BASE_URL}${path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}
