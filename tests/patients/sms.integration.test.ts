import { and, asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import * as appointmentRoute from "@/app/api/calendar/appointments/[id]/route";
import * as appointmentsRoute from "@/app/api/calendar/appointments/route";
import * as smsSettingsRoute from "@/app/api/sms-settings/route";
import * as smsRoute from "@/app/api/webhooks/twilio/sms/route";
import * as smsStatusRoute from "@/app/api/webhooks/twilio/sms/status/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import { startTwilioEmulator } from "@/providers/twilio/emulator";
import { simulateInboundSms, simulateSmsStatusCallback } from "@/providers/twilio/simulator";
import { serviceActor } from "@/server/actor";
import { rescheduleAppointment } from "@/server/calendar/reschedule-appointment";
import { appointments, patients, smsMessages } from "@/server/db/schema";
import { dispatchDueSms } from "@/server/sms/dispatch-due-sms";
import { connectCalendar, useGoogleEmulator } from "../calendar/google-test-kit";
import { signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { pinClock } from "../helpers/clock";
import { createFactories } from "../helpers/factories";
import { startRouteServer } from "../helpers/route-server";
import { waitFor } from "../helpers/wait-for";

pinClock("2027-02-01T08:00:00Z");
// Whole calls and text round trips on a shared 2-core machine: generous per-test deadlines.
vi.setConfig({ testTimeout: 240_000 });

/**
 * Text messages end to end against the Twilio emulator: rows written with the appointment
 * change, sent by the dispatch pass after re-checking, status callbacks forward only, replies
 * (1 confirms, 2 cancels, anything else for staff), STOP/START mirrored.
 */
const ACCOUNT_SID = `AC${"a".repeat(32)}`;
const TWILIO_TOKEN = "twilio-test-auth-token";
const SERVICE = `MG${"b".repeat(32)}`;
const CALENDAR = "reception@sms.test";
const PATIENT = "+447700900321";

const twilio = await startTwilioEmulator({ accountSid: ACCOUNT_SID, authToken: TWILIO_TOKEN });
twilio.registerMessagingService(SERVICE);
twilio.messaging.delays = { sent: 20, final: 60 };
const app = await startRouteServer({ "/api/webhooks/twilio/sms": smsRoute.POST, "/api/webhooks/twilio/sms/status": smsStatusRoute.POST });
afterAll(async () => {
  await twilio.close();
  await app.close();
});
const { env } = await useGoogleEmulator({ accountEmail: CALENDAR });
const test = useTestApp({
  env: () =>
    env({
      PUBLIC_BASE_URL: app.url,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_API_URL: twilio.url,
      VAPI_API_KEY: "vapi-test-key",
      VAPI_WEBHOOK_SECRET: "vapi-webhook-secret-for-tests",
      VAPI_PHONE_NUMBER_ID: "vapi-default-number",
      DEMO: "0",
    }),
});
const db = () => test.db().db;

let dayCounter = 0;
/** A distinct weekday in March 2027 per booking (the Google emulator's calendar is shared). */
function nextDay(): string {
  const days = ["02", "03", "04", "05", "08", "09", "10", "11", "12", "15", "16", "17", "18", "19", "22", "23", "24", "25", "26"];
  return `2027-03-${days[dayCounter++ % days.length]}`;
}

async function clinic(options: { quiet?: { start: string; end: string } } = {}) {
  const owner = await signUpOwner("Harbour Dental");
  await owner.client.put(hoursRoute.PUT, "/api/working-hours", {
    timezone: "Europe/London",
    days: [1, 2, 3, 4, 5].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
    exceptions: [],
  });
  const number = await createFactories(db()).createPhoneNumber({ id: owner.organisationId });
  await connectCalendar(owner.client);
  const settings = await owner.client.put(smsSettingsRoute.PUT, "/api/sms-settings", {
    enabled: true,
    messaging_service_sid: SERVICE,
    quiet_hours: options.quiet ?? { start: "21:00", end: "08:00" },
    reminder_offsets_minutes: [1440, 120],
    templates: {},
  });
  expect(settings.status).toBe(200);
  return { ...owner, number };
}

async function book(owner: { client: import("../helpers/api").ApiClient }, day: string, time = "10:00") {
  const res = await owner.client.post(appointmentsRoute.POST, "/api/calendar/appointments", {
    summary: "Cleaning",
    start: `${day}T${time}:00Z`,
    end: `${day}T${time.slice(0, 2)}:30:00Z`,
    customer_name: "Jane Doe",
    customer_phone: PATIENT,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

const textsOf = (appointmentId: string) =>
  db()
    .select()
    .from(smsMessages)
    .where(eq(smsMessages.appointmentId, appointmentId))
    .orderBy(asc(smsMessages.sendAt), asc(smsMessages.kind));

describe("appointment texts", () => {
  it("a booking writes its confirmation and 24 h / 2 h reminders with it; the pass sends what is due once; callbacks make it delivered", async () => {
    const owner = await clinic();
    const day = nextDay();
    const { id } = await book(owner, day);
    const rows = await textsOf(id);
    expect(rows.map((r) => [r.kind, r.status, r.sendAt?.toISOString()])).toEqual([
      ["confirmation", "pending", expect.any(String)],
      ["reminder", "pending", new Date(Date.parse(`${day}T10:00:00Z`) - 24 * 3_600_000).toISOString()],
      ["reminder", "pending", new Date(Date.parse(`${day}T10:00:00Z`) - 2 * 3_600_000).toISOString()],
    ]);
    expect(rows[0]!.body).toMatch(/^Harbour Dental: your appointment is booked for .* at 10:00\. Reply 1 to confirm or 2 to cancel\.$/);
    for (const row of rows) expect(row.body).not.toMatch(/\b(STOP|CANCEL|YES|START|END|QUIT)\b/);

    const first = await dispatchDueSms(new Date());
    expect(first).toMatchObject({ claimed: 1, sent: 1 });
    // A pass delivered again (job retry) sends nothing twice.
    expect(await dispatchDueSms(new Date())).toMatchObject({ claimed: 0, sent: 0 });
    const message = twilio.messaging.messages.at(-1)!;
    expect(message).toMatchObject({ messagingServiceSid: SERVICE, to: PATIENT, body: rows[0]!.body });
    await twilio.settled();
    const [confirmation] = await db().select().from(smsMessages).where(eq(smsMessages.twilioSid, message.sid));
    expect(confirmation).toMatchObject({ status: "delivered", kind: "confirmation" });

    // The 24 h reminder at its time; the 2 h one is not due yet.
    const dayBefore = new Date(Date.parse(`${day}T10:00:00Z`) - 24 * 3_600_000 + 1000);
    expect(await dispatchDueSms(dayBefore)).toMatchObject({ claimed: 1, sent: 1 });
    // After the appointment began, the 2 h reminder is never sent.
    const after = new Date(Date.parse(`${day}T10:05:00Z`));
    expect(await dispatchDueSms(after)).toMatchObject({ claimed: 1, sent: 0, suppressed: 1 });
    const final = await textsOf(id);
    expect(final.map((r) => r.status)).toEqual(["delivered", expect.stringMatching(/accepted|sent|delivered/), "canceled"]);
  });

  it("moving replaces the reminders (never duplicates) and texts the change; cancelling cancels them and texts that", async () => {
    const owner = await clinic();
    const day = nextDay();
    const { id } = await book(owner, day);
    await dispatchDueSms(new Date());
    const moved = await rescheduleAppointment(
      serviceActor(owner.organisationId),
      { appointmentId: id, newStart: new Date(`${day}T14:00:00Z`), via: "phone", enforceMinimumNotice: true },
      new Date(),
    );
    expect(moved.outcome).toBe("moved");
    let rows = await textsOf(id);
    const live = rows.filter((r) => r.status === "pending");
    expect(live.map((r) => [r.kind, r.appointmentVersion])).toEqual([
      ["change", 2],
      ["reminder", 2],
      ["reminder", 2],
    ]);
    expect(rows.filter((r) => r.kind === "reminder" && r.status === "canceled")).toHaveLength(2);
    expect(live[1]!.sendAt).toEqual(new Date(Date.parse(`${day}T14:00:00Z`) - 24 * 3_600_000));

    const cancelled = await owner.client.patch(appointmentRoute.PATCH, `/api/calendar/appointments/${id}`, { status: "cancelled" }, { id });
    expect(cancelled.status).toBe(200);
    rows = await textsOf(id);
    expect(rows.filter((r) => r.status === "pending").map((r) => r.kind)).toEqual(["cancellation"]);
    const [appointment] = await db().select().from(appointments).where(eq(appointments.id, id));
    expect(appointment).toMatchObject({ status: "cancelled", changedVia: "dashboard", changedBy: owner.userId });
    expect(await dispatchDueSms(new Date())).toMatchObject({ sent: 1 });
    expect(twilio.messaging.messages.at(-1)!.body).toMatch(/is cancelled/);
  });

  it("holds texts during quiet hours, in the clinic's zone, and sends nothing to a patient who revoked consent", async () => {
    const owner = await clinic({ quiet: { start: "00:00", end: "23:59" } });
    const { id } = await book(owner, nextDay());
    expect(await dispatchDueSms(new Date())).toMatchObject({ held: 1, sent: 0 });
    const [held] = (await textsOf(id)).filter((r) => r.kind === "confirmation");
    expect(held).toMatchObject({ status: "pending", statusReason: "Held for quiet hours." });
    expect(held!.sendAt!.getTime()).toBeGreaterThan(Date.now());

    const other = await clinic();
    const { id: second } = await book(other, nextDay());
    await db()
      .update(patients)
      .set({ smsConsent: "revoked" })
      .where(and(eq(patients.organisationId, other.organisationId), eq(patients.phoneNumber, PATIENT)));
    expect(await dispatchDueSms(new Date())).toMatchObject({ suppressed: 1, sent: 0 });
    const [suppressed] = (await textsOf(second)).filter((r) => r.kind === "confirmation");
    expect(suppressed).toMatchObject({ status: "suppressed" });
  });
});

describe("replies and status callbacks", () => {
  async function bookedAndTexted() {
    const owner = await clinic();
    const day = nextDay();
    const { id } = await book(owner, day);
    await dispatchDueSms(new Date());
    await twilio.settled();
    return { owner, id, day };
  }
  const reply = (to: string, body: string, messageSid?: string) =>
    simulateInboundSms({ baseUrl: app.url, authToken: TWILIO_TOKEN, accountSid: ACCOUNT_SID, from: PATIENT, to, body, messageSid });

  it('"2" cancels the appointment through the cancel path (by text); a redelivery changes nothing', async () => {
    const { owner, id } = await bookedAndTexted();
    const sid = `SM${"c".repeat(31)}${dayCounter % 10}`;
    const res = await reply(owner.number.phoneNumber, " 2 ", sid);
    expect(res.status).toBe(200);
    expect(res.body).toContain("<Response>");
    const [appointment] = await db().select().from(appointments).where(eq(appointments.id, id));
    expect(appointment).toMatchObject({ status: "cancelled", changedVia: "sms" });
    expect((await textsOf(id)).filter((r) => r.status === "pending").map((r) => r.kind)).toEqual(["cancellation"]);
    expect((await reply(owner.number.phoneNumber, "2", sid)).status).toBe(200);
    const inbound = await db().select().from(smsMessages).where(eq(smsMessages.twilioSid, sid));
    expect(inbound).toHaveLength(1);
  });

  it('"1" confirms and thanks; anything else is kept for staff; STOP and START are mirrored and honoured', async () => {
    const { owner, id } = await bookedAndTexted();
    expect((await reply(owner.number.phoneNumber, "1")).status).toBe(200);
    const [confirmed] = await db().select().from(appointments).where(eq(appointments.id, id));
    expect(confirmed!.patientConfirmedAt).not.toBeNull();
    expect(confirmed!.status).not.toBe("cancelled");
    const thanks = (await textsOf(id)).find((r) => r.kind === "reply");
    expect(thanks?.body).toMatch(/is confirmed\.$/);

    await reply(owner.number.phoneNumber, "Can I bring my son too?");
    const forStaff = await db()
      .select()
      .from(smsMessages)
      .where(and(eq(smsMessages.organisationId, owner.organisationId), eq(smsMessages.direction, "inbound")));
    expect(forStaff.find((m) => m.body === "Can I bring my son too?")?.statusReason).toMatch(/staff/);

    await reply(owner.number.phoneNumber, "STOP");
    const [stopped] = await db()
      .select()
      .from(patients)
      .where(and(eq(patients.organisationId, owner.organisationId), eq(patients.phoneNumber, PATIENT)));
    expect(stopped!.smsOptedOutAt).not.toBeNull();
    const [still] = await db().select().from(appointments).where(eq(appointments.id, id));
    expect(still!.status).not.toBe("cancelled");
    expect(await dispatchDueSms(new Date())).toMatchObject({ sent: 0, suppressed: 1 });

    await reply(owner.number.phoneNumber, "START");
    const [started] = await db()
      .select()
      .from(patients)
      .where(and(eq(patients.organisationId, owner.organisationId), eq(patients.phoneNumber, PATIENT)));
    expect(started!.smsOptedOutAt).toBeNull();
  });

  it("status callbacks only move forward, whatever their order, and keep the error code", async () => {
    const { id } = await bookedAndTexted();
    const [text] = (await textsOf(id)).filter((r) => r.kind === "confirmation");
    const callback = (status: string, errorCode?: number) =>
      simulateSmsStatusCallback({
        baseUrl: app.url,
        authToken: TWILIO_TOKEN,
        accountSid: ACCOUNT_SID,
        messageSid: text!.twilioSid!,
        status,
        errorCode,
      });
    expect((await callback("sent")).status).toBe(200);
    const [after] = await db().select().from(smsMessages).where(eq(smsMessages.id, text!.id));
    expect(after!.status).toBe("delivered");
    await db().update(smsMessages).set({ status: "queued" }).where(eq(smsMessages.id, text!.id));
    await callback("undelivered", 30003);
    await callback("sent");
    const [failed] = await db().select().from(smsMessages).where(eq(smsMessages.id, text!.id));
    expect(failed).toMatchObject({ status: "undelivered", errorCode: 30003 });
    const forged = await simulateSmsStatusCallback({
      baseUrl: app.url,
      authToken: "wrong",
      messageSid: text!.twilioSid!,
      status: "delivered",
    });
    expect(forged.status).toBe(403);
    const malformed = await simulateSmsStatusCallback({
      baseUrl: app.url,
      authToken: TWILIO_TOKEN,
      messageSid: "SMnot-a-sid",
      status: "delivered",
    });
    expect(malformed.status).toBe(400);
  });

  it("a recipient who opted out at Twilio (21610) is refused and mirrored", async () => {
    const owner = await clinic();
    twilio.messaging.optOuts.add(`${SERVICE}|${PATIENT}`);
    try {
      const { id } = await book(owner, nextDay());
      expect(await dispatchDueSms(new Date())).toMatchObject({ failed: 1 });
      const [text] = (await textsOf(id)).filter((r) => r.kind === "confirmation");
      expect(text).toMatchObject({ status: "failed", errorCode: 21610 });
      await waitFor("the opt-out mirrored on the patient", async () => {
        const [p] = await db()
          .select()
          .from(patients)
          .where(and(eq(patients.organisationId, owner.organisationId), eq(patients.phoneNumber, PATIENT)));
        return p?.smsOptedOutAt !== null;
      });
    } finally {
      twilio.messaging.optOuts.clear();
    }
  });
});
