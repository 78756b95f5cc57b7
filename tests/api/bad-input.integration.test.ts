import { beforeAll, describe, expect, it } from "vitest";
import * as analyticsRoute from "@/app/api/analytics/route";
import * as assistantSettingsRoute from "@/app/api/assistant-settings/route";
import * as auditRoute from "@/app/api/audit/route";
import * as completeSignupRoute from "@/app/api/auth/complete-signup/route";
import * as loginRoute from "@/app/api/auth/login/route";
import * as signupRoute from "@/app/api/auth/signup/route";
import * as appointmentRoute from "@/app/api/calendar/appointments/[id]/route";
import * as appointmentsRoute from "@/app/api/calendar/appointments/route";
import * as freeBusyRoute from "@/app/api/calendar/freebusy/route";
import * as bookingSettingsRoute from "@/app/api/calendar/settings/route";
import * as slotsRoute from "@/app/api/calendar/slots/route";
import * as callLogRoute from "@/app/api/call-logs/[id]/route";
import * as exportRoute from "@/app/api/call-logs/export.csv/route";
import * as callLogsRoute from "@/app/api/call-logs/route";
import * as testCallRoute from "@/app/api/demo/test-call/route";
import * as intentRoute from "@/app/api/intents/[id]/route";
import * as intentOrderRoute from "@/app/api/intents/order/route";
import * as intentsRoute from "@/app/api/intents/route";
import * as acceptRoute from "@/app/api/invitations/accept/route";
import * as previewRoute from "@/app/api/invitations/preview/route";
import * as currentOrganisationRoute from "@/app/api/me/current-organisation/route";
import * as invitationRoute from "@/app/api/organisation/invitations/[id]/route";
import * as invitationsRoute from "@/app/api/organisation/invitations/route";
import * as memberRoute from "@/app/api/organisation/members/[user_id]/route";
import * as organisationRoute from "@/app/api/organisation/route";
import * as phoneNumberRoute from "@/app/api/phone-numbers/[id]/route";
import * as phoneNumbersRoute from "@/app/api/phone-numbers/route";
import * as retentionRoute from "@/app/api/retention/route";
import * as workingHoursRoute from "@/app/api/working-hours/route";
import * as openingStatusRoute from "@/app/api/working-hours/status/route";
import { addTeammate, PASSWORD, signUpOwner, uniqueEmail } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import {
  type BodyRoute,
  type IdRoute,
  MISSING_ID,
  type QueryRoute,
  ROUTE_TIMEOUT_MS,
  sweepBodyRoute,
  sweepIdRoute,
  sweepQueryRoute,
} from "../helpers/bad-input";
import { anyJsonInAnyBodyField, anyStringInAnyQueryParameter } from "../helpers/bad-input-properties";
import { nextSequence } from "../helpers/factories";

/**
 * Bad input to every JSON route of the dashboard API, field by field: huge and non-finite
 * numbers, bad and absurd dates, 1 MB strings, NUL characters, wrong types, deep nesting, and
 * bad query parameters and path ids. A value that cannot be right for its field is a 4xx with
 * the error envelope and writes nothing; any value at all is never a 5xx (fast-check, fixed seed).
 */
const test = useTestApp();

let owner: Awaited<ReturnType<typeof signUpOwner>>;
let newcomer: Awaited<ReturnType<typeof signUpOwner>>;
let teammate: Awaited<ReturnType<typeof addTeammate>>;
let intent: { id: string; updated_at: string };
let phoneNumberId: string;

beforeAll(async () => {
  owner = await signUpOwner();
  newcomer = await signUpOwner("Second Clinic");
  teammate = await addTeammate(owner.client, "member");
  const created = await owner.client.post(intentsRoute.POST, "/api/intents", {
    name: "Hours",
    example_phrases: ["when are you open"],
    response_en: "Nine to five.",
  });
  expect(created.status).toBe(201);
  intent = created.body;
  const number = await owner.client.post(phoneNumbersRoute.POST, "/api/phone-numbers", { phone_number: uniquePhoneNumber() });
  expect(number.status).toBe(201);
  phoneNumberId = number.body.id;
});

/** A valid UK number in the range set aside for drama (020 7946 0000-0999). */
const uniquePhoneNumber = () => `+442079460${String(nextSequence() % 1000).padStart(3, "0")}`;

const asOwner = () => owner.client;

const bodyRoutes: BodyRoute[] = [
  {
    name: "POST /api/auth/signup",
    handler: signupRoute.POST,
    method: "POST",
    path: "/api/auth/signup",
    client: asOwner,
    body: () => ({ email: uniqueEmail("signup"), password: PASSWORD, organisation_name: "Bad Input Dental" }),
  },
  {
    name: "POST /api/auth/login",
    handler: loginRoute.POST,
    method: "POST",
    path: "/api/auth/login",
    client: asOwner,
    body: () => ({ email: uniqueEmail("nobody"), password: PASSWORD }),
  },
  {
    name: "POST /api/auth/complete-signup",
    handler: completeSignupRoute.POST,
    method: "POST",
    path: "/api/auth/complete-signup",
    client: () => newcomer.client,
    body: () => ({ organisation_name: "Another Clinic", additional: false }),
  },
  {
    name: "PUT /api/assistant-settings",
    handler: assistantSettingsRoute.PUT,
    method: "PUT",
    path: "/api/assistant-settings",
    client: asOwner,
    body: () => ({
      greeting_en: "Hello, Harbour Dental.",
      greeting_ru: null,
      default_language: "en",
      after_hours_behaviour: "take_message",
      recording_disclosure: { enabled: true, text: "Calls are recorded." },
      max_call_minutes: 10,
      emergency_message: "Call 999 in an emergency.",
    }),
  },
  {
    name: "POST /api/calendar/appointments",
    handler: appointmentsRoute.POST,
    method: "POST",
    path: "/api/calendar/appointments",
    client: asOwner,
    body: () => ({
      summary: "Check-up",
      start: "2027-03-10T09:00:00+00:00",
      end: "2027-03-10T09:30:00+00:00",
      description: "First visit",
      customer_name: "Ann Lee",
      customer_phone: "+447700900123",
      call_id: null,
      idempotency_key: "bad-input-1",
    }),
  },
  {
    name: "PATCH /api/calendar/appointments/:id",
    handler: appointmentRoute.PATCH,
    method: "PATCH",
    path: `/api/calendar/appointments/${MISSING_ID}`,
    params: () => ({ id: MISSING_ID }),
    client: asOwner,
    body: () => ({ status: "cancelled" }),
  },
  {
    name: "PATCH /api/calendar/settings",
    handler: bookingSettingsRoute.PATCH,
    method: "PATCH",
    path: "/api/calendar/settings",
    client: asOwner,
    body: () => ({ buffer_minutes: 5, min_notice_minutes: 60, default_duration_minutes: 30 }),
  },
  {
    name: "PUT /api/retention",
    handler: retentionRoute.PUT,
    method: "PUT",
    path: "/api/retention",
    client: asOwner,
    body: () => ({ recordings_days: 30, transcripts_days: 90, metadata_days: 365, audit_log_days: 2557 }),
  },
  {
    name: "POST /api/demo/test-call",
    handler: testCallRoute.POST,
    method: "POST",
    path: "/api/demo/test-call",
    client: asOwner,
    body: () => ({ caller_says: ["Hello, when are you open?"], from: "+447700900123" }),
  },
  {
    name: "POST /api/intents",
    handler: intentsRoute.POST,
    method: "POST",
    path: "/api/intents",
    client: asOwner,
    body: () => ({
      name: "Parking",
      example_phrases: ["where can I park"],
      response_en: "Behind the clinic.",
      response_ru: null,
      action: "answer",
      is_active: true,
      position: 3,
    }),
  },
  {
    name: "PUT /api/intents/:id",
    handler: intentRoute.PUT,
    method: "PUT",
    path: "/api/intents/:id",
    params: () => ({ id: intent.id }),
    client: asOwner,
    body: () => ({
      name: "Hours",
      example_phrases: ["when are you open"],
      response_en: "Nine to five.",
      action: "answer",
      is_active: true,
      position: 0,
      updated_at: intent.updated_at,
    }),
  },
  {
    name: "PUT /api/intents/order",
    handler: intentOrderRoute.PUT,
    method: "PUT",
    path: "/api/intents/order",
    client: asOwner,
    body: () => ({ ids: [intent.id] }),
  },
  {
    name: "POST /api/invitations/accept",
    handler: acceptRoute.POST,
    method: "POST",
    path: "/api/invitations/accept",
    client: asOwner,
    body: () => ({ token: "a-token-that-was-never-issued-0000" }),
  },
  {
    name: "POST /api/invitations/preview",
    handler: previewRoute.POST,
    method: "POST",
    path: "/api/invitations/preview",
    client: asOwner,
    body: () => ({ token: "a-token-that-was-never-issued-0000" }),
  },
  {
    name: "PUT /api/me/current-organisation",
    handler: currentOrganisationRoute.PUT,
    method: "PUT",
    path: "/api/me/current-organisation",
    client: asOwner,
    body: () => ({ organisation_id: owner.organisationId }),
  },
  {
    name: "POST /api/organisation/invitations",
    handler: invitationsRoute.POST,
    method: "POST",
    path: "/api/organisation/invitations",
    client: asOwner,
    body: () => ({ email: uniqueEmail("invitee"), role: "member" }),
  },
  {
    name: "PATCH /api/organisation/members/:user_id",
    handler: memberRoute.PATCH,
    method: "PATCH",
    path: "/api/organisation/members/:user_id",
    params: () => ({ user_id: teammate.userId }),
    client: asOwner,
    body: () => ({ role: "member" }),
  },
  {
    name: "PATCH /api/organisation",
    handler: organisationRoute.PATCH,
    method: "PATCH",
    path: "/api/organisation",
    client: asOwner,
    body: () => ({ name: "Harbour Dental", selected_voice_agent_id: null }),
  },
  {
    name: "POST /api/phone-numbers",
    handler: phoneNumbersRoute.POST,
    method: "POST",
    path: "/api/phone-numbers",
    client: asOwner,
    body: () => ({ phone_number: uniquePhoneNumber(), country: "GB", label: "Reception", vapi_phone_number_id: null, is_active: true }),
  },
  {
    name: "PUT /api/phone-numbers/:id",
    handler: phoneNumberRoute.PUT,
    method: "PUT",
    path: "/api/phone-numbers/:id",
    params: () => ({ id: phoneNumberId }),
    client: asOwner,
    body: () => ({ phone_number: uniquePhoneNumber(), country: "GB", label: "Reception", vapi_phone_number_id: "vapi_1", is_active: true }),
  },
  {
    name: "PUT /api/working-hours",
    handler: workingHoursRoute.PUT,
    method: "PUT",
    path: "/api/working-hours",
    client: asOwner,
    body: () => ({
      timezone: "Europe/London",
      days: [{ day_of_week: 1, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] }],
      exceptions: [{ date: "2027-12-25", closed: true, ranges: [], label: "Christmas" }],
    }),
  },
];

const queryRoutes: QueryRoute[] = [
  {
    name: "GET /api/audit",
    handler: auditRoute.GET,
    path: "/api/audit",
    client: asOwner,
    query: { action: "hours.changed", user_id: MISSING_ID, from: "2027-01-01", to: "2027-01-31", limit: "25", cursor: "" },
    dates: ["from", "to"],
  },
  {
    name: "GET /api/call-logs",
    handler: callLogsRoute.GET,
    path: "/api/call-logs",
    client: asOwner,
    query: { from: "2027-01-01", to: "2027-01-31T00:00:00Z", status: "ended", outcome: "answered", q: "+44", limit: "25", cursor: "" },
    dates: ["from", "to"],
  },
  {
    name: "GET /api/call-logs/export.csv",
    handler: exportRoute.GET,
    path: "/api/call-logs/export.csv",
    client: asOwner,
    query: { from: "2027-01-01", to: "2027-01-31", status: "ended,failed", outcome: "answered", q: "tooth" },
    dates: ["from", "to"],
  },
  {
    name: "GET /api/analytics",
    handler: analyticsRoute.GET,
    path: "/api/analytics",
    client: asOwner,
    query: { from: "2027-01-01", to: "2027-01-31", granularity: "week" },
    dates: ["from", "to"],
  },
  {
    name: "GET /api/calendar/appointments",
    handler: appointmentsRoute.GET,
    path: "/api/calendar/appointments",
    client: asOwner,
    query: { from: "2027-01-01T00:00:00Z", to: "2027-01-31T00:00:00Z" },
    dates: ["from", "to"],
  },
  {
    name: "GET /api/calendar/freebusy",
    handler: freeBusyRoute.GET,
    path: "/api/calendar/freebusy",
    client: asOwner,
    query: { timeMin: "2027-01-01T00:00:00Z", timeMax: "2027-01-08T00:00:00Z" },
    dates: ["timeMin", "timeMax"],
  },
  {
    name: "GET /api/calendar/slots",
    handler: slotsRoute.GET,
    path: "/api/calendar/slots",
    client: asOwner,
    query: { date: "2027-03-10", duration_minutes: "30" },
    dates: ["date"],
  },
  {
    name: "GET /api/working-hours/status",
    handler: openingStatusRoute.GET,
    path: "/api/working-hours/status",
    client: asOwner,
    query: { at: "2027-03-10T09:00:00Z" },
    dates: ["at"],
  },
];

/** Routes with an id in the path: a malformed or absurd id is a 4xx. */
const idRoutes: IdRoute[] = [
  { name: "GET /api/call-logs/:id", call: (c, id) => c.get(callLogRoute.GET, "/api/call-logs/x", { id }) },
  { name: "GET /api/intents/:id", call: (c, id) => c.get(intentRoute.GET, "/api/intents/x", { id }) },
  { name: "DELETE /api/intents/:id", call: (c, id) => c.delete(intentRoute.DELETE, "/api/intents/x", { id }) },
  { name: "GET /api/phone-numbers/:id", call: (c, id) => c.get(phoneNumberRoute.GET, "/api/phone-numbers/x", { id }) },
  {
    name: "DELETE /api/organisation/invitations/:id",
    call: (c, id) => c.delete(invitationRoute.DELETE, "/api/organisation/invitations/x", { id }),
  },
  {
    name: "DELETE /api/organisation/members/:user_id",
    call: (c, id) => c.delete(memberRoute.DELETE, "/api/organisation/members/x", { user_id: id }),
  },
  {
    name: "PATCH /api/calendar/appointments/:id",
    call: (c, id) =>
      c.call(appointmentRoute.PATCH, "PATCH", "/api/calendar/appointments/x", { params: { id }, body: { status: "cancelled" } }),
  },
];

// ---- the tests --------------------------------------------------------------------------

describe("bad input to each JSON body field is refused or handled, never a 5xx", () => {
  for (const route of bodyRoutes) {
    it(route.name, () => sweepBodyRoute(route, test.db()), ROUTE_TIMEOUT_MS);
  }
});

describe("bad query parameters are refused or handled, never a 5xx", () => {
  for (const route of queryRoutes) {
    it(route.name, () => sweepQueryRoute(route, test.db()), ROUTE_TIMEOUT_MS);
  }
});

describe("malformed ids in the path are a 4xx", () => {
  for (const route of idRoutes) {
    it(route.name, () => sweepIdRoute(route, owner.client));
  }
});

describe("any JSON in any field is never a 5xx (fast-check, fixed seed)", () => {
  it("every body route", () => anyJsonInAnyBodyField(bodyRoutes, 20261206), ROUTE_TIMEOUT_MS);
  it("every query route", () => anyStringInAnyQueryParameter(queryRoutes, 20261206), ROUTE_TIMEOUT_MS);
});
