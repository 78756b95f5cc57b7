import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import { eventIdFor } from "@/providers/google/calendar";
import { simulateIncomingCall } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { validateAssistant } from "@/providers/vapi/openapi";
import { dispatchToolCalls } from "@/server/calls/dispatch-tool-calls";
import { appointments, assistantSettings, calls, organisations, patients } from "@/server/db/schema";
import { connectCalendar, useGoogleEmulator } from "../calendar/google-test-kit";
import { signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { pinClock } from "../helpers/clock";
import { createFactories } from "../helpers/factories";
import { startRouteServer } from "../helpers/route-server";

pinClock("2027-02-01T08:00:00Z");
// Whole calls and text round trips on a shared 2-core machine: generous per-test deadlines.
vi.setConfig({ testTimeout: 240_000 });

/**
 * A returning caller: recognised by number (greeted by name, in their language, with their
 * upcoming appointments in the prompt), and their own appointments found, cancelled and moved by
 * the phone tools; nobody else's, whatever they say.
 */
const TWILIO_TOKEN = "twilio-test-auth-token";
const VAPI_KEY = "vapi-test-key";
const VAPI_SECRET = "vapi-webhook-secret-for-tests";
const CALENDAR = "reception@harbour.test";
const DAY = "2027-03-02"; // a Tuesday
const WED = "2027-03-03";
const THU = "2027-03-04";
const FRI = "2027-03-05";
const SOON = "2027-02-10"; // inside a 14-day notice from the pinned clock
const JANE = "+447700900123";

const vapi = await startVapiEmulator({ apiKey: VAPI_KEY });
const app = await startRouteServer({ "/api/webhooks/twilio": twilioRoute.POST, "/api/webhooks/vapi": vapiRoute.POST });
afterAll(async () => {
  await vapi.close();
  await app.close();
});
const { google, env } = await useGoogleEmulator({ accountEmail: CALENDAR });
const test = useTestApp({
  env: () =>
    env({
      PUBLIC_BASE_URL: app.url,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      VAPI_API_KEY: VAPI_KEY,
      VAPI_API_URL: vapi.url,
      VAPI_WEBHOOK_SECRET: VAPI_SECRET,
      VAPI_PHONE_NUMBER_ID: "vapi-default-number",
      DEMO: "0",
    }),
});
const db = () => test.db().db;

async function clinic() {
  const owner = await signUpOwner("Harbour Dental");
  await owner.client.put(hoursRoute.PUT, "/api/working-hours", {
    timezone: "Europe/London",
    days: [1, 2, 3, 4, 5].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
    exceptions: [],
  });
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
  return { ...owner, number };
}

type SentAssistant = { firstMessage: string; model: { messages: { content: string }[]; tools?: { function?: { name: string } }[] } };

/** Rings the clinic from `from`; returns the Vapi call id and the assistant it was given. */
async function ring(to: string, from: string) {
  const res = await simulateIncomingCall({ baseUrl: app.url, authToken: TWILIO_TOKEN, to, from });
  expect(res.status).toBe(200);
  const sent = vapi.state.calls.at(-1)!;
  return { vapiCallId: sent.id, assistant: (sent.body as { assistant: SentAssistant }).assistant };
}

/** Books by a call; each test books on its own day (the Google emulator's calendar is shared). */
async function bookByCall(to: string, from: string, time: string, name: string, day = DAY) {
  const { vapiCallId } = await ring(to, from);
  const conversation = await vapi.runConversation(vapiCallId, {
    callerSays: [`Book an appointment on ${day} at ${time}`],
    callerName: name,
  });
  const booking = conversation.toolResults.find((r) => r.name === "book_appointment");
  expect(booking?.result, JSON.stringify(conversation.toolResults)).toMatch(/^Booked/);
}

let toolCallSequence = 0;
async function tool(vapiCallId: string, name: string, args: Record<string, unknown>) {
  toolCallSequence += 1;
  const [outcome] = await dispatchToolCalls(vapiCallId, [{ id: `call_tool_${toolCallSequence}`, name, arguments: args }], undefined);
  return outcome as { result?: string; error?: string };
}

const toolNames = (assistant: SentAssistant) => (assistant.model.tools ?? []).map((t) => t.function?.name).filter(Boolean);

describe("a returning caller", () => {
  it("is recognised by number: greeted by name in their language, upcoming appointments in a short prompt block, phone tools offered", async () => {
    const { number, organisationId } = await clinic();
    await bookByCall(number.phoneNumber, JANE, "10:00", "Jane Doe");
    const [patient] = await db().select().from(patients).where(eq(patients.organisationId, organisationId));
    expect(patient).toMatchObject({ phoneNumber: JANE, name: "Jane Doe" });
    const [booked] = await db().select().from(appointments).where(eq(appointments.organisationId, organisationId));
    expect(booked).toMatchObject({ patientId: patient!.id, createdVia: "phone" });

    const { assistant } = await ring(number.phoneNumber, JANE);
    expect(assistant.firstMessage).toMatch(/^Hello Jane Doe, welcome back to Harbour Dental\. How can I help you\?/);
    const prompt = assistant.model.messages[0]!.content;
    expect(prompt).toContain("## The caller");
    expect(prompt).toContain(`(id ${booked!.id})`);
    expect(toolNames(assistant)).toEqual(expect.arrayContaining(["find_my_appointments", "cancel_appointment", "reschedule_appointment"]));
    expect(validateAssistant(assistant)).toEqual({ ok: true });
    const callRows = await db().select().from(calls).where(eq(calls.organisationId, organisationId));
    expect(callRows.every((c) => c.patientId === patient!.id)).toBe(true);

    await db().update(patients).set({ preferredLanguage: "ru" }).where(eq(patients.id, patient!.id));
    const russian = await ring(number.phoneNumber, JANE);
    expect(russian.assistant.firstMessage).toMatch(/^Здравствуйте, Jane Doe! Вы позвонили в Harbour Dental\. Чем могу помочь\?$/);
    // The recording consent comes first, from Vapi's consent step, in the caller's language (decision 022).
    expect(
      (russian.assistant as unknown as { compliancePlan: { recordingConsentPlan: { message: string } } }).compliancePlan
        .recordingConsentPlan.message,
    ).toMatch(/^Этот звонок/);
    expect(russian.assistant.model.messages[0]!.content).toContain("Language: Russian");
  });

  it("a first-time caller and a withheld number are new callers; the withheld one gets no appointment tools", async () => {
    const { number } = await clinic();
    const fresh = await ring(number.phoneNumber, "+447700900999");
    expect(fresh.assistant.model.messages[0]!.content).not.toContain("## The caller");
    expect(fresh.assistant.firstMessage).not.toContain("welcome back");
    expect(toolNames(fresh.assistant)).toContain("find_my_appointments");
    const withheld = await ring(number.phoneNumber, "anonymous");
    expect(withheld.assistant.model.messages[0]!.content).not.toContain("## The caller");
    expect(toolNames(withheld.assistant)).not.toContain("find_my_appointments");
    expect(validateAssistant(withheld.assistant)).toEqual({ ok: true });
  });
});

describe("find_my_appointments, cancel_appointment, reschedule_appointment", () => {
  it("lists, moves (Google event moved through the outbox) and cancels the caller's own appointment, recording it was by phone", async () => {
    const { number, organisationId } = await clinic();
    await bookByCall(number.phoneNumber, JANE, "10:00", "Jane Doe", WED);
    const [booked] = await db().select().from(appointments).where(eq(appointments.organisationId, organisationId));
    const { vapiCallId } = await ring(number.phoneNumber, JANE);

    const found = await tool(vapiCallId, "find_my_appointments", {});
    expect(found.result).toBe(
      `Upcoming appointments: Wednesday 3 March at 10:00 (Europe/London): Book a visit – Jane Doe (appointment_id ${booked!.id}).`,
    );

    const moved = await tool(vapiCallId, "reschedule_appointment", { appointment_id: booked!.id, new_start: `${WED}T14:00:00+00:00` });
    expect(moved.result).toBe("Moved: the appointment is now on Wednesday 3 March at 14:00 (Europe/London).");
    const [afterMove] = await db().select().from(appointments).where(eq(appointments.id, booked!.id));
    expect(afterMove).toMatchObject({
      startAt: new Date(`${WED}T14:00:00Z`),
      endAt: new Date(`${WED}T14:30:00Z`),
      changedVia: "phone",
      version: booked!.version + 1,
      syncStatus: "synced",
    });
    const event = google.state.getEvent(CALENDAR, eventIdFor(booked!.id));
    expect(new Date(event!.start.dateTime!).toISOString()).toBe(`${WED}T14:00:00.000Z`);

    const cancelled = await tool(vapiCallId, "cancel_appointment", { appointment_id: booked!.id });
    expect(cancelled.result).toBe("Cancelled: the appointment on Wednesday 3 March at 14:00 (Europe/London).");
    const [afterCancel] = await db().select().from(appointments).where(eq(appointments.id, booked!.id));
    expect(afterCancel).toMatchObject({ status: "cancelled", changedVia: "phone", version: booked!.version + 2 });
    expect(google.state.getEvent(CALENDAR, eventIdFor(booked!.id))?.status).toBe("cancelled");
    expect((await tool(vapiCallId, "find_my_appointments", {})).result).toBe("There are no upcoming appointments for the number calling.");
  });

  it("never lists, cancels or moves another patient's appointment, whatever name or number the caller gives", async () => {
    const { number, organisationId } = await clinic();
    await bookByCall(number.phoneNumber, JANE, "10:00", "Jane Doe", THU);
    const [janes] = await db().select().from(appointments).where(eq(appointments.organisationId, organisationId));
    const { vapiCallId } = await ring(number.phoneNumber, "+447700900888");
    expect((await tool(vapiCallId, "find_my_appointments", { phone: JANE, name: "Jane Doe" })).result).toBe(
      "There are no upcoming appointments for the number calling.",
    );
    const cancel = await tool(vapiCallId, "cancel_appointment", { appointment_id: janes!.id, phone: JANE });
    expect(cancel.error).toMatch(/no such appointment for the number calling/);
    const move = await tool(vapiCallId, "reschedule_appointment", { appointment_id: janes!.id, new_start: `${THU}T15:00:00+00:00` });
    expect(move.error).toMatch(/no such appointment for the number calling/);
    const [still] = await db().select().from(appointments).where(eq(appointments.id, janes!.id));
    expect(still).toMatchObject({ status: janes!.status, startAt: janes!.startAt, version: janes!.version });

    // Another clinic's caller with Jane's very number sees nothing of this clinic.
    const other = await clinic();
    const elsewhere = await ring(other.number.phoneNumber, JANE);
    expect(elsewhere.assistant.model.messages[0]!.content).not.toContain("## The caller");
    expect((await tool(elsewhere.vapiCallId, "find_my_appointments", {})).result).toBe(
      "There are no upcoming appointments for the number calling.",
    );
    expect((await tool(elsewhere.vapiCallId, "cancel_appointment", { appointment_id: janes!.id })).error).toMatch(/no such appointment/);
  });

  it("a taken time is answered with alternatives and moves nothing", async () => {
    const { number, organisationId } = await clinic();
    await bookByCall(number.phoneNumber, JANE, "10:00", "Jane Doe", FRI);
    await bookByCall(number.phoneNumber, "+447700900777", "11:00", "John Roe", FRI);
    const [janes] = await db()
      .select()
      .from(appointments)
      .where(and(eq(appointments.organisationId, organisationId), eq(appointments.customerPhone, JANE)));
    const { vapiCallId } = await ring(number.phoneNumber, JANE);
    const move = await tool(vapiCallId, "reschedule_appointment", { appointment_id: janes!.id, new_start: `${FRI}T11:00:00+00:00` });
    expect(move.result).toMatch(/^That time was just taken\. The nearest free times are Friday 5 March at /);
    // Its own slot counts as free for itself: 10:00-10:30 is offered back, 11:00 is not.
    expect(move.result).not.toMatch(/ 11:00[ ,]/);
    const [still] = await db().select().from(appointments).where(eq(appointments.id, janes!.id));
    expect(still!.startAt).toEqual(new Date(`${FRI}T10:00:00Z`));
  });

  it("refuses to cancel or move inside the clinic's minimum notice, with the clinic's notice", async () => {
    const { number, organisationId } = await clinic();
    await bookByCall(number.phoneNumber, JANE, "10:00", "Jane Doe", SOON);
    await db()
      .update(organisations)
      .set({ bookingMinNoticeMinutes: 14 * 24 * 60 })
      .where(eq(organisations.id, organisationId));
    const [janes] = await db().select().from(appointments).where(eq(appointments.organisationId, organisationId));
    const { vapiCallId } = await ring(number.phoneNumber, JANE);
    const cancel = await tool(vapiCallId, "cancel_appointment", { appointment_id: janes!.id });
    expect(cancel.error).toMatch(/at least 336 hours' notice/);
    const move = await tool(vapiCallId, "reschedule_appointment", { appointment_id: janes!.id, new_start: `${SOON}T15:00:00+00:00` });
    expect(move.error).toMatch(/at least 336 hours' notice/);
    const [still] = await db().select().from(appointments).where(eq(appointments.id, janes!.id));
    expect(still).toMatchObject({ status: janes!.status, startAt: janes!.startAt });
  });
});
