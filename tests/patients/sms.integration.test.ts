import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as appointmentRoute from "@/app/api/calendar/appointments/[id]/route";
import * as appointmentsRoute from "@/app/api/calendar/appointments/route";
import * as patientRoute from "@/app/api/patients/[id]/route";
import * as smsSettingsRoute from "@/app/api/sms-settings/route";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as smsRoute from "@/app/api/webhooks/twilio/sms/route";
import * as smsStatusRoute from "@/app/api/webhooks/twilio/sms/status/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import { eventIdFor } from "@/providers/google/calendar";
import { startTwilioEmulator } from "@/providers/twilio/emulator";
import { newSid, simulateInboundSms, simulateIncomingCall, simulateSmsStatusCallback } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { dispatchToolCalls } from "@/server/calls/dispatch-tool-calls";
import { asUser } from "@/server/db/access";
import { appointments, assistantSettings, messages, patients, smsMessages } from "@/server/db/schema";
import { dispatchDueSms } from "@/server/sms/dispatch-due-sms";
import { smsDispatchJob } from "@/server/sms/sms-dispatch-job";
import { connectCalendar, useGoogleEmulator } from "../calendar/google-test-kit";
import { signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { pinClock } from "../helpers/clock";
import { createFactories, pgErrorCode } from "../helpers/factories";
import { startRouteServer } from "../helpers/route-server";

// A Monday in London's winter (GMT = UTC): every booking below is weeks ahead of it.
pinClock("2027-02-01T08:00:00Z");
// Whole calls, texts and status callbacks on a shared 2-core machine: generous per-test deadlines.
vi.setConfig({ testTimeout: 240_000 });

/**
 * Text messages end to end (issue 18, decision 018): a booking (by the assistant's tool or the
 * dashboard) writes its confirmation and reminders in its own transaction; the sms.dispatch job
 * sends them through the Twilio emulator at their time in the clinic's zone (quiet hours and
 * DST included), once; status callbacks move forward only; the patient's replies confirm, cancel
 * or reach the inbox; opt-out and opt-in are mirrored and honoured.
 */
const TWILIO_TOKEN = "twilio-test-auth-token";
const TWILIO_ACCOUNT = `AC${"5".repeat(32)}`;
const VAPI_KEY = "vapi-test-key";
const VAPI_SECRET = "vapi-webhook-secret-for-tests";
const CALENDAR = "reception@harbour.test";
const JANE = "+447700900123";
const JOHN = "+447700900456";
/** The dashboard checks a number is real (Ofcom's drama range 07700 900xxx is not): a real-looking UK mobile. */
const ADA = "+447911123456";

const vapi = await startVapiEmulator({ apiKey: VAPI_KEY });
const twilio = await startTwilioEmulator({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
const app = await startRouteServer({
  "/api/webhooks/twilio": twilioRoute.POST,
  "/api/webhooks/vapi": vapiRoute.POST,
  "/api/webhooks/twilio/sms": smsRoute.POST,
  "/api/webhooks/twilio/sms/status": smsStatusRoute.POST,
});
afterAll(async () => {
  await twilio.settled();
  await vapi.close();
  await twilio.close();
  await app.close();
});
const { google, env } = await useGoogleEmulator({ accountEmail: CALENDAR });
const test = useTestApp({
  jobs: "enqueue",
  env: () =>
    env({
      PUBLIC_BASE_URL: app.url,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_ACCOUNT_SID: TWILIO_ACCOUNT,
      TWILIO_API_URL: twilio.url,
      VAPI_API_KEY: VAPI_KEY,
      VAPI_API_URL: vapi.url,
      VAPI_WEBHOOK_SECRET: VAPI_SECRET,
      VAPI_PHONE_NUMBER_ID: "vapi-default-number",
      DEMO: "0",
    }),
});
const db = () => test.db().db;
// sms.dispatch works every clinic's due texts: each test starts with none of the earlier tests' left.
beforeEach(async () => {
  await db().update(smsMessages).set({ status: "canceled", statusReason: "test isolation" }).where(eq(smsMessages.status, "pending"));
});

const at = (iso: string) => new Date(iso);
const minutesBefore = (date: Date, minutes: number) => new Date(date.getTime() - minutes * 60_000);

/** A clinic in London, open Monday to Friday 09:00-17:00, its calendar connected, texts on with its own Messaging Service. */
async function clinic(name = "Harbour Dental") {
  const owner = await signUpOwner(name);
  const hours = await owner.client.put(hoursRoute.PUT, "/api/working-hours", {
    timezone: "Europe/London",
    days: [1, 2, 3, 4, 5].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
    exceptions: [],
  });
  expect(hours.status).toBe(200);
  const f = createFactories(db());
  const org = { id: owner.organisationId };
  const number = await f.createPhoneNumber(org);
  await f.createIntent(org, {
    name: "Book a visit",
    examplePhrases: ["book an appointment"],
    responseEn: "Of course.",
    action: "book_appointment",
  });
  await db().update(assistantSettings).set({ defaultLanguage: "en" }).where(eq(assistantSettings.organisationId, owner.organisationId));
  await connectCalendar(owner.client);
  const service = `MG${randomBytes(16).toString("hex")}`;
  twilio.registerMessagingService(service);
  const settings = await owner.client.put(smsSettingsRoute.PUT, "/api/sms-settings", {
    enabled: true,
    messaging_service_sid: service,
    quiet_hours: { start: "21:00", end: "08:00" },
    reminder_offsets_minutes: [1440, 120],
    templates: {},
  });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  return { ...owner, number, service };
}
type Clinic = Awaited<ReturnType<typeof clinic>>;

async function ring(to: string, from: string) {
  const res = await simulateIncomingCall({ baseUrl: app.url, authToken: TWILIO_TOKEN, to, from });
  expect(res.status).toBe(200);
  return vapi.state.calls.at(-1)!.id;
}

/** Books by a call (the assistant's book_appointment tool); each test books on days of its own (the calendar is shared). */
async function bookByCall(c: Clinic, from: string, day: string, time: string, name = "Jane Doe") {
  const vapiCallId = await ring(c.number.phoneNumber, from);
  const conversation = await vapi.runConversation(vapiCallId, {
    callerSays: [`Book an appointment on ${day} at ${time}`],
    callerName: name,
  });
  const booking = conversation.toolResults.find((r) => r.name === "book_appointment");
  expect(booking?.result, JSON.stringify(conversation.toolResults)).toMatch(/^Booked/);
  const [row] = await db()
    .select()
    .from(appointments)
    .where(and(eq(appointments.organisationId, c.organisationId), eq(appointments.customerPhone, from)))
    .orderBy(sql`${appointments.createdAt} desc`)
    .limit(1);
  return row!;
}

let toolSequence = 0;
async function tool(vapiCallId: string, name: string, args: Record<string, unknown>) {
  toolSequence += 1;
  const [outcome] = await dispatchToolCalls(vapiCallId, [{ id: `call_sms_tool_${toolSequence}`, name, arguments: args }], undefined);
  return outcome as { result?: string; error?: string };
}

const textsOf = (organisationId: string, appointmentId?: string) =>
  db()
    .select()
    .from(smsMessages)
    .where(and(eq(smsMessages.organisationId, organisationId), appointmentId ? eq(smsMessages.appointmentId, appointmentId) : undefined))
    .orderBy(asc(smsMessages.createdAt), asc(smsMessages.sendAt), asc(smsMessages.dedupeKey));

/** What the emulator was asked to send for one clinic (its own Messaging Service). */
const sentBy = (c: Clinic) => twilio.messaging.messages.filter((m) => m.messagingServiceSid === c.service);

async function reply(c: Clinic, from: string, body: string, messageSid = newSid("SM")) {
  const res = await simulateInboundSms({
    baseUrl: app.url,
    authToken: TWILIO_TOKEN,
    accountSid: TWILIO_ACCOUNT,
    to: c.number.phoneNumber,
    from,
    body,
    messageSid,
  });
  return { ...res, messageSid };
}

describe("a booking's texts are rows written with it, sent once by the job", () => {
  it("by phone: confirmation and reminders in the booking's transaction; the job sends through the emulator; callbacks move the status forward only", async () => {
    const c = await clinic();
    const booked = await bookByCall(c, JANE, "2027-03-02", "10:00");
    expect(booked).toMatchObject({ createdVia: "phone", version: 1 });
    const start = at("2027-03-02T10:00:00Z");

    const rows = await textsOf(c.organisationId, booked.id);
    expect(
      rows.map((r) => ({ kind: r.kind, status: r.status, sendAt: r.sendAt, key: r.dedupeKey, version: r.appointmentVersion })),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "confirmation", status: "pending", key: `${booked.id}:confirmation:1`, version: 1 }),
        { kind: "reminder", status: "pending", sendAt: minutesBefore(start, 1440), key: `${booked.id}:reminder:1440:1`, version: 1 },
        { kind: "reminder", status: "pending", sendAt: minutesBefore(start, 120), key: `${booked.id}:reminder:120:1`, version: 1 },
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.toNumber === JANE && r.patientId === booked.patientId)).toBe(true);

    // The scheduled job's own handler: one pass sends the confirmation (reminders are not due).
    await smsDispatchJob.handle({}, { jobId: "test", attempt: 1 } as never);
    const sent = sentBy(c);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: JANE, messagingServiceSid: c.service, numSegments: 1 });
    expect(sent[0]!.body).toBe("Harbour Dental: your appointment is booked for Tue 2 Mar at 10:00. Reply 1 to confirm or 2 to cancel.");
    expect(sent[0]!.statusCallback).toBe(`${app.url}/api/webhooks/twilio/sms/status`);
    const [confirmation] = (await textsOf(c.organisationId, booked.id)).filter((r) => r.kind === "confirmation");
    expect(confirmation).toMatchObject({ status: "accepted", twilioSid: sent[0]!.sid, attempts: 1 });

    // The emulator's signed callbacks (sent, then delivered) reach our webhook and are applied.
    await twilio.settled();
    expect(sent[0]!.callbacks).toEqual([
      { status: "sent", httpStatus: 200 },
      { status: "delivered", httpStatus: 200 },
    ]);
    const [delivered] = await db().select().from(smsMessages).where(eq(smsMessages.id, confirmation!.id));
    expect(delivered!.status).toBe("delivered");

    // A late "sent" or "queued" never moves it back.
    for (const status of ["sent", "queued", "accepted"]) {
      const late = await simulateSmsStatusCallback({ baseUrl: app.url, authToken: TWILIO_TOKEN, messageSid: sent[0]!.sid, status });
      expect(late.status).toBe(200);
    }
    const [still] = await db().select().from(smsMessages).where(eq(smsMessages.id, confirmation!.id));
    expect(still!.status).toBe("delivered");

    // Another pass (a retried job) sends nothing more.
    expect((await dispatchDueSms(new Date())).claimed).toBe(0);
    expect(sentBy(c)).toHaveLength(1);
  });

  it("out-of-order callbacks from the emulator (delivered before sent) and an undelivered outcome with its error code", async () => {
    const c = await clinic("Ordered Dental");
    twilio.messaging.delays = { sent: 700, final: 100 };
    twilio.messaging.outcomes.set(JOHN, { status: "undelivered", errorCode: 30003 });
    try {
      await bookByCall(c, JANE, "2027-03-09", "10:00");
      await bookByCall(c, JOHN, "2027-03-09", "11:00", "John Roe");
      await dispatchDueSms(new Date());
      await twilio.settled();
    } finally {
      twilio.messaging.delays = { sent: 300, final: 800 };
      twilio.messaging.outcomes.delete(JOHN);
    }
    const sent = sentBy(c);
    expect(sent).toHaveLength(2);
    for (const message of sent) expect(message.callbacks.map((cb) => cb.status)[1]).toBe("sent"); // the final one came first
    const rows = (await textsOf(c.organisationId)).filter((r) => r.kind === "confirmation");
    expect(rows.find((r) => r.toNumber === JANE)).toMatchObject({ status: "delivered", errorCode: null });
    expect(rows.find((r) => r.toNumber === JOHN)).toMatchObject({ status: "undelivered", errorCode: 30003 });

    // The failure is visible on the patient (their text history).
    const [john] = await db()
      .select()
      .from(patients)
      .where(and(eq(patients.organisationId, c.organisationId), eq(patients.phoneNumber, JOHN)));
    const detail = await c.client.get(patientRoute.GET, `/api/patients/${john!.id}`, { id: john!.id });
    expect(detail.status).toBe(200);
    expect(detail.body.sms).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "confirmation", status: "undelivered", error_code: 30003 })]),
    );
  });

  it("by the dashboard: rows through private.queue_sms in the member's transaction; a retried booking writes nothing twice; cancelling cancels the reminders and texts the cancellation", async () => {
    const c = await clinic("Dashboard Dental");
    const body = {
      summary: "Check-up",
      start: "2027-03-03T11:00:00+00:00",
      end: "2027-03-03T11:30:00+00:00",
      customer_name: "Ada Lovelace",
      customer_phone: "+44 7911 123456",
      idempotency_key: "dashboard-booking-1",
    };
    const first = await c.client.post(appointmentsRoute.POST, "/api/calendar/appointments", body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await c.client.post(appointmentsRoute.POST, "/api/calendar/appointments", body);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const id = first.body.id as string;
    const [booked] = await db().select().from(appointments).where(eq(appointments.id, id));
    expect(booked).toMatchObject({ createdVia: "dashboard", createdBy: c.userId, version: 1 });
    const queued = await textsOf(c.organisationId, id);
    expect(queued.map((r) => `${r.kind}:${r.status}`)).toEqual(["confirmation:pending", "reminder:pending", "reminder:pending"]);
    expect(queued.every((r) => r.toNumber === ADA && r.appointmentVersion === 1 && r.patientId === booked!.patientId)).toBe(true);
    expect(booked!.patientId).not.toBeNull();

    await dispatchDueSms(new Date());
    expect(sentBy(c)).toHaveLength(1);

    const cancelled = await c.client.patch(appointmentRoute.PATCH, `/api/calendar/appointments/${id}`, { status: "cancelled" }, { id });
    expect(cancelled.status).toBe(200);
    const [after] = await db().select().from(appointments).where(eq(appointments.id, id));
    expect(after).toMatchObject({ status: "cancelled", version: 2, changedVia: "dashboard", changedBy: c.userId });
    const texts = await textsOf(c.organisationId, id);
    expect(texts.filter((r) => r.kind === "reminder").map((r) => r.status)).toEqual(["canceled", "canceled"]);
    expect(texts.find((r) => r.kind === "cancellation")).toMatchObject({
      status: "pending",
      appointmentVersion: 2,
      dedupeKey: `${id}:cancellation:2`,
    });

    await dispatchDueSms(new Date());
    expect(sentBy(c).map((m) => m.body)).toEqual([
      expect.stringContaining("is booked for Wed 3 Mar at 11:00"),
      "Dashboard Dental: your appointment on Wed 3 Mar at 11:00 is cancelled. Call us to book again.",
    ]);
    // No reminder is ever sent for it, whenever the job runs.
    await dispatchDueSms(minutesBefore(at("2027-03-03T11:00:00Z"), 120));
    expect(sentBy(c)).toHaveLength(2);
  });

  it("private.queue_sms: only the acting clinic's appointments, only appointment kinds, once per key; rolled back with the change", async () => {
    const a = await clinic("Queue A");
    const b = await clinic("Queue B");
    const mine = await bookByCall(a, JANE, "2027-03-10", "10:00");
    const theirs = await bookByCall(b, JANE, "2027-03-10", "12:00");
    const actor = { userId: a.userId, organisationId: a.organisationId };
    const queue = (tx: Parameters<Parameters<typeof asUser>[1]>[0], appointmentId: string, kind: string, key: string) =>
      tx.execute(sql`select private.queue_sms(${appointmentId}::uuid, ${kind}, 1, ${key}, ${JANE}, 'hello', now(), null)`);

    await asUser(actor, (tx) => queue(tx, mine.id, "reminder", "manual:1"));
    await asUser(actor, (tx) => queue(tx, mine.id, "reminder", "manual:1"));
    expect((await textsOf(a.organisationId, mine.id)).filter((r) => r.dedupeKey === "manual:1")).toHaveLength(1);

    const refused = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
        return "accepted";
      } catch (error) {
        return pgErrorCode(error);
      }
    };
    expect(await refused(() => asUser(actor, (tx) => queue(tx, theirs.id, "reminder", "manual:2")))).toBe("42501");
    expect(await refused(() => asUser(actor, (tx) => queue(tx, mine.id, "inbound", "manual:3")))).toBe("22023");
    expect(await refused(() => asUser(actor, (tx) => queue(tx, mine.id, "reply", "manual:4")))).toBe("22023");
    // The members' role cannot write the table itself.
    expect(
      await refused(() =>
        asUser(actor, (tx) =>
          tx.execute(
            sql`insert into public.sms_messages (organisation_id, direction, kind, status) values (${a.organisationId}, 'outbound', 'reminder', 'pending')`,
          ),
        ),
      ),
    ).toBe("42501");
    // Written with the change or not at all.
    await asUser(actor, async (tx) => {
      await queue(tx, mine.id, "reminder", "manual:rolled-back");
      await tx.execute(sql`select 1/0`);
    }).catch(() => undefined);
    expect((await textsOf(a.organisationId, mine.id)).filter((r) => r.dedupeKey === "manual:rolled-back")).toHaveLength(0);
    // Nothing of B's changed.
    expect((await textsOf(b.organisationId, theirs.id)).every((r) => r.organisationId === b.organisationId)).toBe(true);
  });
});

describe("reminders", () => {
  it("at 24 h and 2 h before, once each whatever the retries; moved with the appointment; none for an appointment that has begun", async () => {
    const c = await clinic("Reminder Dental");
    const booked = await bookByCall(c, JANE, "2027-03-04", "10:00");
    const start = at("2027-03-04T10:00:00Z");
    await dispatchDueSms(new Date()); // the confirmation
    expect(sentBy(c)).toHaveLength(1);

    expect((await dispatchDueSms(minutesBefore(start, 1441))).claimed).toBe(0);
    // Two passes at once (a job delivered twice): one text.
    const passes = await Promise.all([dispatchDueSms(minutesBefore(start, 1440)), dispatchDueSms(minutesBefore(start, 1440))]);
    expect(passes.reduce((n, p) => n + p.sent, 0)).toBe(1);
    expect(sentBy(c)).toHaveLength(2);
    expect(sentBy(c)[1]!.body).toBe(
      "Reminder Dental: a reminder of your appointment on Thu 4 Mar at 10:00. Reply 1 to confirm or 2 to cancel.",
    );
    expect((await dispatchDueSms(minutesBefore(start, 1000))).claimed).toBe(0);

    // Moved by the patient on the phone: the 2 h reminder of the old time is replaced, not added to.
    const vapiCallId = await ring(c.number.phoneNumber, JANE);
    const moved = await tool(vapiCallId, "reschedule_appointment", { appointment_id: booked.id, new_start: "2027-03-04T15:00:00+00:00" });
    expect(moved.result).toMatch(/^Moved/);
    const newStart = at("2027-03-04T15:00:00Z");
    const texts = await textsOf(c.organisationId, booked.id);
    expect(
      texts
        .filter((r) => r.status === "pending")
        .map((r) => `${r.dedupeKey}@${r.sendAt?.toISOString()}`)
        .sort(),
    ).toEqual(
      [
        `${booked.id}:change:2@${texts.find((r) => r.kind === "change")!.sendAt!.toISOString()}`,
        `${booked.id}:reminder:1440:2@${minutesBefore(newStart, 1440).toISOString()}`,
        `${booked.id}:reminder:120:2@${minutesBefore(newStart, 120).toISOString()}`,
      ].sort(),
    );
    expect(texts.find((r) => r.dedupeKey === `${booked.id}:reminder:120:1`)!.status).toBe("canceled");
    await dispatchDueSms(new Date());
    expect(sentBy(c).at(-1)!.body).toBe(
      "Reminder Dental: your appointment is now on Thu 4 Mar at 15:00. Reply 1 to confirm or 2 to cancel.",
    );
    expect((await dispatchDueSms(minutesBefore(newStart, 1440))).sent).toBe(1); // the new time's 24 h reminder
    expect(sentBy(c)).toHaveLength(4);
    await dispatchDueSms(minutesBefore(start, 120)); // the old time's 2 h reminder: nothing
    expect(sentBy(c)).toHaveLength(4);
    await dispatchDueSms(minutesBefore(newStart, 120));
    expect(sentBy(c)).toHaveLength(5);
    expect(sentBy(c)[4]!.body).toContain("a reminder of your appointment on Thu 4 Mar at 15:00");
    await dispatchDueSms(minutesBefore(newStart, 60));
    expect(sentBy(c)).toHaveLength(5);
  });

  it("a reminder due while the worker was down is not sent once the appointment has begun; a send interrupted mid-way is never retried", async () => {
    const c = await clinic("Late Dental");
    const booked = await bookByCall(c, JANE, "2027-03-11", "10:00");
    const start = at("2027-03-11T10:00:00Z");
    await dispatchDueSms(new Date());
    expect(sentBy(c)).toHaveLength(1);

    // A worker claimed the 24 h reminder and died before finishing: its lease runs out.
    const [dayBefore] = (await textsOf(c.organisationId, booked.id)).filter((r) => r.dedupeKey?.includes(":reminder:1440:"));
    await db()
      .update(smsMessages)
      .set({ status: "sending", lockedUntil: minutesBefore(start, 1430) })
      .where(eq(smsMessages.id, dayBefore!.id));

    // Nothing ran until after the start: the 2 h reminder is canceled, the lost one failed; neither is sent.
    const pass = await dispatchDueSms(new Date(start.getTime() + 60_000));
    expect(pass.sent).toBe(0);
    const rows = await textsOf(c.organisationId, booked.id);
    expect(rows.find((r) => r.id === dayBefore!.id)).toMatchObject({ status: "failed" });
    expect(rows.find((r) => r.dedupeKey?.includes(":reminder:120:"))).toMatchObject({
      status: "canceled",
      statusReason: "The appointment has already begun.",
    });
    expect(sentBy(c)).toHaveLength(1);
  });

  it("held in quiet hours until they end (clinic time), suppressed when they last until the appointment", async () => {
    const c = await clinic("Quiet Dental");
    const early = await bookByCall(c, JANE, "2027-03-05", "09:00");
    await dispatchDueSms(new Date());
    expect((await dispatchDueSms(at("2027-03-04T09:00:00Z"))).sent).toBe(1); // the day before, at 09:00: not quiet
    // The 2 h reminder of a 09:00 appointment falls at 07:00, inside 21:00-08:00: held until 08:00.
    const due = at("2027-03-05T07:00:00Z");
    const held = await dispatchDueSms(due);
    expect(held).toMatchObject({ claimed: 1, held: 1, sent: 0 });
    const [reminder] = (await textsOf(c.organisationId, early.id)).filter((r) => r.dedupeKey?.includes(":reminder:120:"));
    expect(reminder).toMatchObject({ status: "pending", sendAt: at("2027-03-05T08:00:00Z"), statusReason: "Held for quiet hours." });
    expect((await dispatchDueSms(at("2027-03-05T07:59:00Z"))).claimed).toBe(0);
    expect((await dispatchDueSms(at("2027-03-05T08:00:00Z"))).sent).toBe(1);
    expect(sentBy(c).at(-1)!.body).toContain("a reminder of your appointment on Fri 5 Mar at 09:00");

    // Quiet until 09:30: the reminder would come after the appointment, so it is not sent at all.
    const later = await bookByCall(c, JOHN, "2027-03-05", "09:30", "John Roe");
    const settings = await c.client.get(smsSettingsRoute.GET, "/api/sms-settings");
    const put = await c.client.put(smsSettingsRoute.PUT, "/api/sms-settings", {
      ...settings.body,
      default_templates: undefined,
      quiet_hours: { start: "21:00", end: "09:30" },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const before = sentBy(c).length;
    await dispatchDueSms(at("2027-03-05T07:30:00Z"));
    const [suppressed] = (await textsOf(c.organisationId, later.id)).filter((r) => r.dedupeKey?.includes(":reminder:120:"));
    expect(suppressed).toMatchObject({ status: "suppressed", statusReason: "Quiet hours last until the appointment." });
    expect(sentBy(c)).toHaveLength(before);
  });

  it("across the change to summer time: times in the texts and the end of quiet hours are London's wall clock", async () => {
    const c = await clinic("Summer Dental");
    // Monday 29 March 2027, 09:00 BST (08:00 UTC); clocks went forward on Sunday 28 March at 01:00 UTC.
    const booked = await bookByCall(c, JANE, "2027-03-29", "09:00");
    expect(booked.startAt).toEqual(at("2027-03-29T08:00:00Z"));
    await dispatchDueSms(new Date());
    expect(sentBy(c).at(-1)!.body).toContain("booked for Mon 29 Mar at 09:00");

    // 24 h before is Sunday 08:00 UTC, 09:00 in London: outside quiet hours, sent then.
    expect((await dispatchDueSms(at("2027-03-28T08:00:00Z"))).sent).toBe(1);
    expect(sentBy(c).at(-1)!.body).toContain("on Mon 29 Mar at 09:00");
    // 2 h before is 06:00 UTC, 07:00 BST: held until 08:00 BST, which is 07:00 UTC (not 08:00).
    expect((await dispatchDueSms(at("2027-03-29T06:00:00Z"))).held).toBe(1);
    const [reminder] = (await textsOf(c.organisationId, booked.id)).filter((r) => r.dedupeKey?.includes(":reminder:120:"));
    expect(reminder!.sendAt).toEqual(at("2027-03-29T07:00:00Z"));
    expect((await dispatchDueSms(at("2027-03-29T07:00:00Z"))).sent).toBe(1);
    expect(sentBy(c)).toHaveLength(3);
  });
});

describe("replies", () => {
  it('"1" and "C" confirm (with a thank-you text); "2" cancels through the cancel path; anything else reaches the inbox once', async () => {
    const c = await clinic("Reply Dental");
    const booked = await bookByCall(c, JANE, "2027-03-12", "10:00");
    await dispatchDueSms(new Date());

    const one = await reply(c, JANE, " 1 ");
    expect(one.status).toBe(200);
    const [confirmed] = await db().select().from(appointments).where(eq(appointments.id, booked.id));
    expect(confirmed!.patientConfirmedAt).not.toBeNull();
    await dispatchDueSms(new Date());
    expect(sentBy(c).at(-1)!.body).toBe("Reply Dental: thank you, your appointment on Fri 12 Mar at 10:00 is confirmed.");
    expect((await reply(c, JANE, "c")).status).toBe(200);
    await dispatchDueSms(new Date());
    expect(sentBy(c)).toHaveLength(3);

    // Free text: a message for staff in the inbox, with the patient's name and number; a redelivery adds nothing.
    const question = await reply(c, JANE, "Can I bring my dog?");
    expect(question.status).toBe(200);
    expect((await reply(c, JANE, "Can I bring my dog?", question.messageSid)).status).toBe(200);
    const inbox = await db().select().from(messages).where(eq(messages.organisationId, c.organisationId));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      kind: "sms",
      callerNumber: JANE,
      callerName: "Jane Doe",
      summary: "Can I bring my dog?",
      status: "new",
    });

    // "2" cancels: the appointment, its Google event and its reminders; the patient is told.
    expect((await reply(c, JANE, "2")).status).toBe(200);
    const [cancelled] = await db().select().from(appointments).where(eq(appointments.id, booked.id));
    expect(cancelled).toMatchObject({ status: "cancelled", changedVia: "sms", changedBy: null, version: 2 });
    expect(google.state.getEvent(CALENDAR, eventIdFor(booked.id))?.status).toBe("cancelled");
    const texts = await textsOf(c.organisationId, booked.id);
    expect(texts.filter((r) => r.kind === "reminder").every((r) => r.status === "canceled")).toBe(true);
    await dispatchDueSms(new Date());
    expect(sentBy(c).at(-1)!.body).toBe("Reply Dental: your appointment on Fri 12 Mar at 10:00 is cancelled. Call us to book again.");

    // "2" again: nothing left to cancel, so staff see it.
    expect((await reply(c, JANE, "2")).status).toBe(200);
    const after = await db().select().from(messages).where(eq(messages.organisationId, c.organisationId));
    expect(after).toHaveLength(2);
    expect(after.map((m) => m.summary)).toContain("2");
  });

  it("opt-out (OptOutType STOP and send error 21610) and opt-in are mirrored on the patient and honoured", async () => {
    const c = await clinic("OptOut Dental");
    const booked = await bookByCall(c, JANE, "2027-03-15", "10:00");
    await dispatchDueSms(new Date());
    const patientOf = async (phone: string) =>
      (
        await db()
          .select()
          .from(patients)
          .where(and(eq(patients.organisationId, c.organisationId), eq(patients.phoneNumber, phone)))
      )[0]!;

    // STOP: Twilio blocks the number for the service and tells us (OptOutType); not a command, not for the inbox.
    twilio.messaging.optOuts.add(`${c.service}|${JANE}`);
    expect((await reply(c, JANE, "STOP")).status).toBe(200);
    expect((await patientOf(JANE)).smsOptedOutAt).not.toBeNull();
    const [still] = await db().select().from(appointments).where(eq(appointments.id, booked.id));
    expect(still!.status).not.toBe("cancelled");
    expect(still!.changedVia).toBeNull();
    expect(await db().select().from(messages).where(eq(messages.organisationId, c.organisationId))).toHaveLength(0);
    const start = at("2027-03-15T10:00:00Z");
    await dispatchDueSms(minutesBefore(start, 1440));
    const [dayBefore] = (await textsOf(c.organisationId, booked.id)).filter((r) => r.dedupeKey?.includes(":reminder:1440:"));
    expect(dayBefore).toMatchObject({ status: "suppressed", statusReason: "The patient opted out of text messages (STOP)." });
    expect(sentBy(c)).toHaveLength(1);

    // START: texts again.
    twilio.messaging.optOuts.delete(`${c.service}|${JANE}`);
    expect((await reply(c, JANE, "START")).status).toBe(200);
    expect((await patientOf(JANE)).smsOptedOutAt).toBeNull();
    await dispatchDueSms(minutesBefore(start, 120));
    expect(sentBy(c)).toHaveLength(2);

    // Twilio refuses a send with 21610 (opted out at the carrier, unknown to us): failed, and mirrored.
    const john = await bookByCall(c, JOHN, "2027-03-15", "11:00", "John Roe");
    twilio.messaging.optOuts.add(`${c.service}|${JOHN}`);
    await dispatchDueSms(new Date());
    const [refused] = (await textsOf(c.organisationId, john.id)).filter((r) => r.kind === "confirmation");
    expect(refused).toMatchObject({ status: "failed", errorCode: 21610 });
    expect((await patientOf(JOHN)).smsOptedOutAt).not.toBeNull();
    await dispatchDueSms(minutesBefore(at("2027-03-15T11:00:00Z"), 1440));
    const [next] = (await textsOf(c.organisationId, john.id)).filter((r) => r.dedupeKey?.includes(":reminder:1440:"));
    expect(next!.status).toBe("suppressed");
    twilio.messaging.optOuts.delete(`${c.service}|${JOHN}`);

    // Staff revoking consent on the patient is honoured too.
    const jane = await patientOf(JANE);
    const revoked = await c.client.patch(patientRoute.PATCH, `/api/patients/${jane.id}`, { sms_consent: "revoked" }, { id: jane.id });
    expect(revoked.status).toBe(200);
    const vapiCallId = await ring(c.number.phoneNumber, JANE);
    expect(
      (await tool(vapiCallId, "reschedule_appointment", { appointment_id: booked.id, new_start: "2027-03-15T14:00:00+00:00" })).result,
    ).toMatch(/^Moved/);
    await dispatchDueSms(new Date());
    const [change] = (await textsOf(c.organisationId, booked.id)).filter((r) => r.kind === "change");
    expect(change).toMatchObject({ status: "suppressed", statusReason: "The patient does not want text messages." });
  });
});

describe("boundaries", () => {
  it("another clinic's ids are 404; a text to one clinic never touches another's appointment for the same number", async () => {
    const a = await clinic("Boundary A");
    const b = await clinic("Boundary B");
    const booked = await bookByCall(a, JANE, "2027-03-16", "10:00");
    await dispatchDueSms(new Date());
    const [patient] = await db()
      .select()
      .from(patients)
      .where(and(eq(patients.organisationId, a.organisationId), eq(patients.phoneNumber, JANE)));

    expect((await b.client.get(patientRoute.GET, `/api/patients/${patient!.id}`, { id: patient!.id })).status).toBe(404);
    expect((await b.client.patch(patientRoute.PATCH, `/api/patients/${patient!.id}`, { notes: "x" }, { id: patient!.id })).status).toBe(
      404,
    );
    expect(
      (await b.client.patch(appointmentRoute.PATCH, `/api/calendar/appointments/${booked.id}`, { status: "cancelled" }, { id: booked.id }))
        .status,
    ).toBe(404);

    // Jane texts B "2": B has nothing texted to her, so it is a message for B's staff; A's appointment stands.
    expect((await reply(b, JANE, "2")).status).toBe(200);
    const [stands] = await db().select().from(appointments).where(eq(appointments.id, booked.id));
    expect(stands!.status).not.toBe("cancelled");
    expect(await db().select().from(messages).where(eq(messages.organisationId, a.organisationId))).toHaveLength(0);
    expect(await db().select().from(messages).where(eq(messages.organisationId, b.organisationId))).toHaveLength(1);
    // And a text to a number no clinic has is stored nowhere.
    const stray = await simulateInboundSms({ baseUrl: app.url, authToken: TWILIO_TOKEN, to: "+15005550006", from: JANE, body: "2" });
    expect(stray.status).toBe(200);
  });

  it("malformed or unsigned webhooks are refused with 4xx and change nothing", async () => {
    const c = await clinic("Webhook Dental");
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body });

    expect((await post("/api/webhooks/twilio/sms", "From=%2B447700900123&Body=2")).status).toBe(403);
    expect((await post("/api/webhooks/twilio/sms", "From=x", { "x-twilio-signature": "bm90IGEgc2lnbmF0dXJl" })).status).toBe(403);
    // Signed, but no MessageSid, or one that is not a sid.
    const noSid = await simulateInboundSms({
      baseUrl: app.url,
      authToken: TWILIO_TOKEN,
      to: c.number.phoneNumber,
      from: JANE,
      body: "hi",
      extraParams: { MessageSid: "" },
    });
    expect(noSid.status).toBe(400);
    const badSid = await simulateInboundSms({
      baseUrl: app.url,
      authToken: TWILIO_TOKEN,
      to: c.number.phoneNumber,
      from: JANE,
      body: "hi",
      extraParams: { MessageSid: "SM'; drop table x; --" },
    });
    expect(badSid.status).toBe(400);
    const badStatus = await simulateSmsStatusCallback({
      baseUrl: app.url,
      authToken: TWILIO_TOKEN,
      messageSid: "not-a-sid",
      status: "delivered",
    });
    expect(badStatus.status).toBe(400);
    // Unknown status words and sids nobody sent are acknowledged (Twilio stops retrying) and change nothing.
    expect(
      (await simulateSmsStatusCallback({ baseUrl: app.url, authToken: TWILIO_TOKEN, messageSid: newSid("SM"), status: "exploded" })).status,
    ).toBe(200);
    // A body too large for a form is refused before it is parsed (straight to the handler: a refused
    // upload leaves its connection unusable, and the loopback server's connections are shared).
    const huge = await smsRoute.POST(
      new NextRequest(`${app.url}/api/webhooks/twilio/sms`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "bm90IGEgc2lnbmF0dXJl" },
        body: `Body=${"a".repeat(300_000)}`,
      }),
    );
    expect(huge.status).toBe(413);
    // NUL bytes and control characters in a text are stored clean.
    const dirty = await reply(c, JANE, "hello\u0000there\u0007");
    expect(dirty.status).toBe(200);
    const [stored] = await db().select().from(smsMessages).where(eq(smsMessages.twilioSid, dirty.messageSid));
    expect(stored!.body).toBe("hellothere");
    expect(
      await db()
        .select()
        .from(smsMessages)
        .where(and(eq(smsMessages.organisationId, c.organisationId), eq(smsMessages.direction, "inbound"))),
    ).toHaveLength(1);
  });
});

describe("what staff see: who changed it, no-shows, analytics", () => {
  it("the calendar list says where and by whom; no-shows are marked once begun; analytics count confirmations, reminder delivery, cancellations by source and no-shows before and after texts", async () => {
    const c = await clinic("Analytics Dental");
    const actor = { userId: c.userId, organisationId: c.organisationId };
    const DAY = "2027-03-17";
    const a = await bookByCall(c, JANE, DAY, "10:00");
    await bookByCall(c, JOHN, DAY, "11:00", "John Roe");
    const cPhone = "+447700900789";
    const ePhone = "+447700900790";
    const cancelledByText = await bookByCall(c, cPhone, DAY, "14:00", "Cat Poe");
    const cancelledByPhone = await bookByCall(c, ePhone, DAY, "16:00", "Eve Moe");
    const dashboard = await c.client.post(appointmentsRoute.POST, "/api/calendar/appointments", {
      summary: "Walk-in",
      start: `${DAY}T15:00:00+00:00`,
      end: `${DAY}T15:30:00+00:00`,
    });
    expect(dashboard.status).toBe(201);
    await dispatchDueSms(new Date()); // four confirmations (the walk-in has no number)
    await twilio.settled();
    expect(sentBy(c)).toHaveLength(4);

    expect((await reply(c, JANE, "1")).status).toBe(200);
    expect((await reply(c, cPhone, "2")).status).toBe(200);
    const vapiCallId = await ring(c.number.phoneNumber, ePhone);
    expect((await tool(vapiCallId, "cancel_appointment", { appointment_id: cancelledByPhone.id })).result).toMatch(/^Cancelled/);
    const dashboardCancel = await c.client.patch(
      appointmentRoute.PATCH,
      `/api/calendar/appointments/${dashboard.body.id}`,
      { status: "cancelled" },
      { id: dashboard.body.id },
    );
    expect(dashboardCancel.status).toBe(200);

    // Reminders: the day before (outside the day counted below), then 2 h before: Jane's delivered, John's not.
    await dispatchDueSms(at("2027-03-16T11:00:00Z"));
    await twilio.settled();
    twilio.messaging.outcomes.set(JOHN, { status: "undelivered", errorCode: 30003 });
    try {
      await dispatchDueSms(at(`${DAY}T08:00:00Z`));
      await dispatchDueSms(at(`${DAY}T09:00:00Z`));
      await twilio.settled();
    } finally {
      twilio.messaging.outcomes.delete(JOHN);
    }

    // The Calendar page's list: where each change came from, and which member made it.
    const list = await c.client.get(appointmentsRoute.GET, `/api/calendar/appointments?from=${DAY}T00:00:00Z&to=${DAY}T23:59:00Z`);
    expect(list.status).toBe(200);
    const byId = new Map((list.body as { id: string }[]).map((row) => [row.id, row as Record<string, unknown>]));
    expect(byId.get(cancelledByText.id)).toMatchObject({ status: "cancelled", created_via: "phone", changed_via: "sms", changed_by: null });
    expect(byId.get(cancelledByPhone.id)).toMatchObject({ status: "cancelled", changed_via: "phone", changed_by: null });
    expect(byId.get(dashboard.body.id)).toMatchObject({
      status: "cancelled",
      created_via: "dashboard",
      changed_via: "dashboard",
      changed_by: { id: c.userId, email: c.email },
    });
    expect(byId.get(a.id)).toMatchObject({ changed_via: null, patient_confirmed_at: expect.any(String), no_show_at: null });

    // No-shows: not before it begins, not on a cancelled one, not in another clinic.
    const early = await c.client.patch(appointmentRoute.PATCH, `/api/calendar/appointments/${a.id}`, { no_show: true }, { id: a.id });
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe("appointment_not_begun");
    const other = await clinic("Other Analytics");
    expect(
      (await other.client.patch(appointmentRoute.PATCH, `/api/calendar/appointments/${a.id}`, { no_show: true }, { id: a.id })).status,
    ).toBe(404);
    expect(
      (await c.client.patch(appointmentRoute.PATCH, `/api/calendar/appointments/${a.id}`, { no_show: "yes" }, { id: a.id })).status,
    ).toBe(422);
    const { markNoShow } = await import("@/server/calendar/mark-no-show");
    await expect(markNoShow(actor, cancelledByText.id, true, at("2027-03-18T00:00:00Z"))).rejects.toMatchObject({ code: "conflict" });
    const marked = await markNoShow(actor, a.id, true, at(`${DAY}T10:20:00Z`));
    expect(marked.noShowAt).toEqual(at(`${DAY}T10:20:00Z`));
    expect(marked.version).toBe(a.version);

    // Texts were turned on between Jane's appointment (before) and John's (after).
    await db().execute(
      sql`update public.organisations set sms_enabled_at = ${`${DAY}T10:30:00Z`}::timestamptz where id = ${c.organisationId}`,
    );
    const { getAnalytics } = await import("@/server/analytics/get-analytics");
    const analytics = await getAnalytics(actor, { from: DAY, to: DAY, granularity: "day" }, at("2027-03-18T00:00:00Z"));
    expect(analytics.appointments).toEqual({
      sms_enabled_at: `${DAY}T10:30:00.000Z`,
      appointments: 5,
      texted: 4,
      confirmed: 1,
      confirmation_rate: 0.25,
      reminders_sent: 2,
      reminders_delivered: 1,
      reminders_failed: 1,
      reminder_delivery_rate: 0.5,
      cancellations: { by_sms: 1, by_phone: 1, by_dashboard: 1 },
      no_shows: {
        before: { appointments: 1, no_shows: 1, no_show_rate: 1 },
        after: { appointments: 1, no_shows: 0, no_show_rate: 0 },
      },
    });
    // The same numbers through the route (its clock is the pinned one: nothing has begun yet).
    const { GET: analyticsGet } = await import("@/app/api/analytics/route");
    const viaRoute = await c.client.get(analyticsGet, `/api/analytics?from=${DAY}&to=${DAY}`);
    expect(viaRoute.status).toBe(200);
    expect(viaRoute.body.appointments).toMatchObject({
      appointments: 5,
      confirmed: 1,
      cancellations: { by_sms: 1, by_phone: 1, by_dashboard: 1 },
    });
  });
});
