import { and, eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import * as twilioRoute from "@/app/api/webhooks/twilio/route";
import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import { eventIdFor } from "@/providers/google/calendar";
import { simulateIncomingCall } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { appointments, assistantSettings, calls, organisationCalendarConnections, organisations } from "@/server/db/schema";
import { signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { pinClock } from "../helpers/clock";
import { createFactories } from "../helpers/factories";
import { startRouteServer } from "../helpers/route-server";
import { connectCalendar, useGoogleEmulator } from "./google-test-kit";

// The dates below are in 2027: the clock starts a month before them, whatever day it is.
pinClock("2027-02-01T08:00:00Z");

/**
 * The booking tools end to end: a caller rings the clinic's Twilio number, the Vapi emulator
 * holds the conversation, calls check_availability and book_appointment through our webhook,
 * and the appointment lands in the database (linked to the call) and in Google Calendar.
 */
const TWILIO_TOKEN = "twilio-test-auth-token";
const VAPI_KEY = "vapi-test-key";
const VAPI_SECRET = "vapi-webhook-secret-for-tests";
const CALENDAR = "reception@harbour.test";
const DAY = "2027-03-02"; // a Tuesday

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

beforeEach(() => vapi.setBehaviour({ kind: "normal" }));

/** A London clinic open Monday to Friday 09:00–17:00 with a number, an intent and its calendar connected. */
async function clinic(options: { language?: "en" | "ru"; connect?: boolean } = {}) {
  const owner = await signUpOwner("Harbour Dental");
  await owner.client.put(hoursRoute.PUT, "/api/working-hours", {
    timezone: "Europe/London",
    days: [1, 2, 3, 4, 5].map((d) => ({ day_of_week: d, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] })),
    exceptions: [],
  });
  const f = createFactories(test.db().db);
  const org = { id: owner.organisationId };
  const number = await f.createPhoneNumber(org);
  await f.createIntent(org, {
    name: "Book a visit",
    examplePhrases: ["book an appointment"],
    responseEn: "Of course.",
    action: "book_appointment",
  });
  await test
    .db()
    .db.update(assistantSettings)
    .set({ defaultLanguage: options.language ?? "en" })
    .where(eq(assistantSettings.organisationId, owner.organisationId));
  if (options.connect !== false) await connectCalendar(owner.client);
  return { ...owner, number };
}

async function placeCall(to: string, from: string, callerSays: string[], callerName: string) {
  const res = await simulateIncomingCall({ baseUrl: app.url, authToken: TWILIO_TOKEN, to, from });
  expect(res.status).toBe(200);
  const sent = vapi.state.calls.at(-1)!;
  // The assistant books the time the caller names, so the booking tool's own refusals are reached.
  const conversation = await vapi.runConversation(sent.id, { callerSays, callerName, bookAsAsked: true });
  return { conversation, assistant: (sent.body as { assistant: { model: { tools?: { function?: { name: string } }[] } } }).assistant };
}

/** The first Monday-to-Friday date (UTC) on or after `from`, as YYYY-MM-DD. */
function nextWeekday(from: Date): string {
  const date = new Date(from);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const toolNames = (assistant: { model: { tools?: { function?: { name: string } }[] } }) =>
  (assistant.model.tools ?? []).map((tool) => tool.function?.name).filter(Boolean);

describe("check_availability and book_appointment during a call", () => {
  it("offers free times in the clinic's zone, books the chosen one for the caller, linked to the call and in Google", async () => {
    const { number, organisationId } = await clinic();
    google.state.addBusy(CALENDAR, { start: new Date(`${DAY}T11:00:00Z`), end: new Date(`${DAY}T12:00:00Z`) });
    const { conversation, assistant } = await placeCall(
      number.phoneNumber,
      "+447700900123",
      [`I would like to book an appointment on ${DAY} at 10:00`],
      "Jane Doe",
    );
    expect(toolNames(assistant)).toEqual(expect.arrayContaining(["check_availability", "book_appointment"]));

    const [availability, booking] = conversation.toolResults;
    expect(availability).toMatchObject({ name: "check_availability", arguments: { date: DAY, preferred_time: "10:00" } });
    expect(availability!.error).toBeUndefined();
    expect(availability!.result).toBe("Free times: Tuesday 2 March at 09:30, 09:45, 10:00, 10:15 and 10:30 (Europe/London, UTC+00:00).");
    expect(booking).toMatchObject({ name: "book_appointment", arguments: { start: `${DAY}T10:00:00+00:00`, customer_name: "Jane Doe" } });
    expect(booking!.result).toBe("Booked: Jane Doe on Tuesday 2 March at 10:00 (Europe/London). The clinic has it in its calendar.");
    expect(conversation.transcript).toContain("Thank you, Jane. You're booked for Tuesday 2 March at 10:00.");

    const [call] = await test.db().db.select().from(calls).where(eq(calls.organisationId, organisationId));
    const rows = await test.db().db.select().from(appointments).where(eq(appointments.organisationId, organisationId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      callId: call!.id,
      customerName: "Jane Doe",
      customerPhone: "+447700900123",
      startAt: new Date(`${DAY}T10:00:00Z`),
      endAt: new Date(`${DAY}T10:30:00Z`),
      status: "confirmed",
      syncStatus: "synced",
    });
    expect(rows[0]!.idempotencyKey).toBe(`vapi-tool-call:${booking!.toolCallId}`);
    expect(google.state.getEvent(CALENDAR, eventIdFor(rows[0]!.id))).toMatchObject({ status: "confirmed" });
  });

  it("tells the second caller that time was just taken, with the nearest free times, and books nothing", async () => {
    const { number, organisationId } = await clinic();
    await placeCall(number.phoneNumber, "+447700900111", [`Book an appointment on ${DAY} at 14:00 please`], "First Caller");
    const { conversation } = await placeCall(
      number.phoneNumber,
      "+447700900222",
      [`Book an appointment on ${DAY} at 14:00`],
      "Second Caller",
    );
    const booking = conversation.toolResults.find((r) => r.name === "book_appointment")!;
    expect(booking.error).toBeUndefined();
    expect(booking.result).toBe(
      "That time was just taken. The nearest free times are Tuesday 2 March at 13:15, 13:30 and 14:30 (Europe/London, UTC+00:00).",
    );
    const rows = await test.db().db.select().from(appointments).where(eq(appointments.organisationId, organisationId));
    expect(rows.map((r) => r.customerName)).toEqual(["First Caller"]);
  });

  it("a redelivered tool call books once", async () => {
    const { number, organisationId } = await clinic();
    const { conversation } = await placeCall(number.phoneNumber, "+447700900333", [`Book an appointment on ${DAY} at 15:00`], "Once Only");
    const booking = conversation.toolResults.find((r) => r.name === "book_appointment")!;
    const delivery = conversation.deliveries.find((d) => d.type === "tool-calls" && JSON.stringify(d.sent).includes(booking.toolCallId))!;
    const again = await vapi.redeliver(delivery);
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.response)).toContain("Booked: Once Only");
    const rows = await test.db().db.select().from(appointments).where(eq(appointments.organisationId, organisationId));
    expect(rows).toHaveLength(1);
  });

  it("answers in Russian for a Russian-speaking clinic", async () => {
    const { number } = await clinic({ language: "ru" });
    const { conversation } = await placeCall(number.phoneNumber, "+447700900444", [`Book an appointment on ${DAY} at 09:00`], "Анна");
    expect(conversation.toolResults[0]!.result).toMatch(/^Свободное время: вторник, 2 марта в 09:00/);
    expect(conversation.toolResults[1]!.result).toMatch(/^Записано: Анна, вторник, 2 марта в 09:00/);
  });

  it("offers the next free days when the asked day is closed", async () => {
    const { number } = await clinic();
    const { conversation } = await placeCall(number.phoneNumber, "+447700900555", ["Are you available on 2027-03-06?"], "Weekend Caller");
    expect(conversation.toolResults).toHaveLength(1);
    expect(conversation.toolResults[0]!.result).toMatch(
      /^No free times on Saturday 6 March\. The nearest free times after it: Monday 8 March at 09:00/,
    );
  });

  it("refuses a time outside opening hours, as an answer with the nearest free times", async () => {
    const { number } = await clinic();
    const { conversation } = await placeCall(
      number.phoneNumber,
      "+447700900666",
      [`Book an appointment on ${DAY} at 20:00`],
      "Late Caller",
    );
    const booking = conversation.toolResults.find((r) => r.name === "book_appointment")!;
    expect(booking.result).toMatch(
      /^That time is outside the clinic's opening hours\. The nearest free times are Tuesday 2 March at 16:00, 16:15 and 16:30/,
    );
  });

  it("refuses a time inside the clinic's minimum notice, offering times after it", async () => {
    const { number, organisationId } = await clinic();
    await test
      .db()
      .db.update(organisations)
      .set({ bookingMinNoticeMinutes: 7 * 24 * 60 })
      .where(eq(organisations.id, organisationId));
    const soon = nextWeekday(new Date(Date.now() + 2 * 24 * 3_600_000));
    const { conversation } = await placeCall(
      number.phoneNumber,
      "+447700900999",
      [`Book an appointment on ${soon} at 10:00`],
      "Eager Caller",
    );
    const [availability, booking] = conversation.toolResults;
    expect(availability!.result).toMatch(/^No free times on /);
    expect(booking!.result).toMatch(/^That time is too soon to book\. The nearest free times are /);
    const rows = await test.db().db.select().from(appointments).where(eq(appointments.organisationId, organisationId));
    expect(rows).toHaveLength(0);
  });

  it("stops offering the tools once Google refuses the clinic's token", async () => {
    const { number, organisationId } = await clinic();
    const [connection] = await test
      .db()
      .db.select()
      .from(organisationCalendarConnections)
      .where(eq(organisationCalendarConnections.organisationId, organisationId));
    expect(connection!.status).toBe("connected");
    google.state.refreshTokensInvalid = true;
    google.state.expireAccessTokens();
    try {
      const first = await placeCall(number.phoneNumber, "+447700900777", [`Book an appointment on ${DAY} at 11:00`], "Unlucky");
      // This call still had the tools: Google refuses the token, the clinic is disconnected, and
      // the assistant is told to take a message instead.
      for (const result of first.conversation.toolResults) expect(result.error).toMatch(/^Booking is not available right now/);
      const next = await placeCall(number.phoneNumber, "+447700900888", [`Book an appointment on ${DAY} at 11:00`], "Later");
      expect(toolNames(next.assistant)).not.toContain("check_availability");
      expect(next.conversation.toolResults).toEqual([]);
    } finally {
      google.state.refreshTokensInvalid = false;
    }
    const rows = await test
      .db()
      .db.select()
      .from(appointments)
      .where(and(eq(appointments.organisationId, organisationId)));
    expect(rows).toHaveLength(0);
  });
});
