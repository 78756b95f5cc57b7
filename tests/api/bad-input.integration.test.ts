import { sql } from "drizzle-orm";
import fc from "fast-check";
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
import { type ApiClient, type ApiResponse, useTestApp } from "../helpers/api";
import { nextSequence } from "../helpers/factories";

/**
 * Bad input to every JSON route of the dashboard API, field by field: huge and non-finite
 * numbers, bad and absurd dates, 1 MB strings, NUL characters, wrong types, deep nesting, and
 * bad query parameters and path ids. A value that cannot be right for its field is a 4xx with
 * the error envelope and writes nothing; any value at all is never a 5xx (fast-check, fixed seed).
 */
const test = useTestApp();

type Handler = Parameters<ApiClient["call"]>[0];
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface BodyRoute {
  name: string;
  handler: Handler;
  method: "POST" | "PUT" | "PATCH";
  path: string;
  params?: () => Record<string, string>;
  client: () => ApiClient;
  body: () => { [key: string]: Json };
}

interface QueryRoute {
  name: string;
  handler: Handler;
  path: string;
  client: () => ApiClient;
  query: Record<string, string>;
  /** Parameters that hold a date or an instant: every bad date is refused there. */
  dates: string[];
}

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

const MISSING_ID = "00000000-0000-4000-8000-000000000000";
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
const idRoutes: { name: string; call: (client: ApiClient, id: string) => Promise<ApiResponse> }[] = [
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

// ---- the values -------------------------------------------------------------------------

const MB_STRING = "x".repeat(1_000_000); // just under the 1 MiB body cap: the field's own limit must refuse it
const DEEP_ARRAY = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;

/** Raw JSON numbers no field accepts (every numeric field is a bounded whole number). */
const BAD_NUMBERS = ["1e308", "-1e308", "1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "0.5", "1e-320", "4.9e-324"];
/** Dates and instants that are not real, or absurd. */
const BAD_DATES = [
  "2026-02-30",
  "2026-13-01",
  "2026-00-10",
  "99999-01-01",
  "+099999-01-01T00:00:00Z",
  "",
  " ",
  "0000-01-01",
  "0000-01-01T00:00:00+01:00",
  "0001-01-01T00:00:00Z",
  "1969-12-31T23:59:59Z",
  "9999-12-31",
  "9999-12-31T23:59:59Z",
  "2026-03-10T25:00:00Z",
  "2026-03-10T09:60:00Z",
  "2026-03-10T09:00:00+99:00",
  "2026-03-10T09:00:00 Mars/Olympus_Mons",
  "2026-03-10T09:00:00[Europe/Nowhere]",
  "1",
  "NaN",
  "\u0000",
];
/** Strings that look like numbers. */
const NUMBERISH = ["NaN", "Infinity", "-Infinity", "-0", "1e308", "0x10", "9223372036854775808", " 1 "];
/** Strings any text field may hold, or refuse: never a 5xx. */
const ODD_TEXT = ["\u202e\u0301\ud800", "😀".repeat(100), "'; drop table calls; --", "a\u0000b", MB_STRING];

interface Variant {
  label: string;
  raw: string;
  /** true: the value cannot be right for the field: a 4xx that writes nothing. */
  refused: boolean;
}

function variantsFor(base: Json, isDate: boolean): Variant[] {
  const typeOf = (value: Json) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);
  const baseType = typeOf(base);
  // A field whose example is null (an optional text or id) may take a string; the others may not.
  const takesText = baseType === "string" || baseType === "null";
  const out: Variant[] = [];
  const add = (label: string, raw: string, refused: boolean) => out.push({ label, raw, refused });
  // Numbers: every numeric field is a bounded whole number.
  for (const raw of baseType === "number" ? BAD_NUMBERS : ["1e308", "0.5"]) add(`number ${raw}`, raw, true);
  if (baseType === "number") add("number -0", "-0", false);
  // Another JSON type than the field's is refused; the same type may be a valid value.
  for (const raw of ["true", "{}", "[1]", '"x"', "42"]) {
    const type = typeOf(JSON.parse(raw) as Json);
    add(`type ${raw}`, raw, type !== baseType && !(baseType === "null" && type === "string"));
  }
  add("null", "null", false);
  add("deep array", DEEP_ARRAY, true);
  add("deep object", DEEP_OBJECT, true);
  const strings = isDate
    ? [...BAD_DATES, ...NUMBERISH.slice(0, 2)]
    : baseType === "number"
      ? NUMBERISH
      : takesText
        ? [...NUMBERISH.slice(0, 2), ...BAD_DATES.slice(0, 2), ...ODD_TEXT]
        : ["NaN", "2026-02-30", MB_STRING];
  for (const text of strings) {
    const cannotBeText = text === MB_STRING || text.includes("\u0000");
    add(`string ${JSON.stringify(text).slice(0, 30)}`, JSON.stringify(text), !takesText || isDate || cannotBeText);
  }
  return out;
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/** Every path into the body: each key, each array's first element, recursively. */
function pathsOf(value: Json, prefix: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  const here = prefix.length > 0 ? [{ path: prefix, value }] : [];
  if (Array.isArray(value)) return value.length > 0 ? [...here, ...pathsOf(value[0]!, [...prefix, 0])] : here;
  if (value !== null && typeof value === "object") {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  }
  return here;
}

/** The body as JSON text with `raw` (any JSON text) at `path`. */
function bodyWith(body: Json, path: (string | number)[], raw: string): string {
  const marker = "\u0001RAW\u0001";
  const copy = structuredClone(body) as Json;
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path.at(-1)!] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), () => raw);
}

function send(route: BodyRoute, rawBody: string): Promise<ApiResponse> {
  const params = route.params?.() ?? {};
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? name);
  return route.client().call(route.handler, route.method, path, { rawBody, params, headers: { "content-type": "application/json" } });
}

function expectRefused(res: ApiResponse, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
  expectEnvelope(res, what);
}

function expectNoServerError(res: ApiResponse, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) expectEnvelope(res, what);
}

function expectEnvelope(res: ApiResponse, what: string) {
  expect(res.body?.error, what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  expect(JSON.stringify(res.body).length, what).toBeLessThan(10_000);
}

/** Every row of every table (sessions and log-in throttling aside), as one fingerprint per table. */
async function fingerprint(): Promise<Record<string, string>> {
  const db = test.db().db;
  const { rows: tables } = await db.execute(sql`
    select tablename from pg_tables where schemaname = 'public'
      and tablename not in ('user_sessions', 'login_throttle_buckets') order by 1`);
  const out: Record<string, string> = {};
  for (const { tablename } of tables as { tablename: string }[]) {
    const { rows } = await db.execute(
      sql.raw(
        `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as f from public."${tablename}" t`,
      ),
    );
    out[tablename] = String(rows[0]!.f);
  }
  return out;
}

/** A route's few hundred requests take seconds on a quiet machine; a loaded one may be 20 times slower. */
const ROUTE_TIMEOUT_MS = 300_000;

// ---- the tests --------------------------------------------------------------------------

describe("bad input to each JSON body field is refused or handled, never a 5xx", () => {
  for (const route of bodyRoutes) {
    it(
      route.name,
      async () => {
        const base = route.body();
        const cases = pathsOf(base).flatMap(({ path, value }) =>
          variantsFor(value, typeof value === "string" && DATE_LIKE.test(value)).map((variant) => ({ path, variant })),
        );
        // The values no field could accept: each a 4xx with the envelope, and together they write nothing.
        const before = await fingerprint();
        for (const { path, variant } of cases.filter((c) => c.variant.refused)) {
          expectRefused(await send(route, bodyWith(route.body(), path, variant.raw)), `${route.name} ${path.join(".")} = ${variant.label}`);
        }
        for (const raw of ["", "null", "[]", '"x"', "1e308", DEEP_ARRAY, DEEP_OBJECT, "{", '{"a":1}{', "\u0000"]) {
          expectRefused(await send(route, raw), `${route.name} whole body ${raw.slice(0, 20)}`);
        }
        expect(await fingerprint()).toEqual(before);
        // Values a field may hold: accepted or refused, never a 5xx.
        for (const { path, variant } of cases.filter((c) => !c.variant.refused)) {
          expectNoServerError(
            await send(route, bodyWith(route.body(), path, variant.raw)),
            `${route.name} ${path.join(".")} = ${variant.label}`,
          );
        }
      },
      ROUTE_TIMEOUT_MS,
    );
  }
});

describe("bad query parameters are refused or handled, never a 5xx", () => {
  for (const route of queryRoutes) {
    it(
      route.name,
      async () => {
        const call = (query: Record<string, string>) => route.client().get(route.handler, `${route.path}?${new URLSearchParams(query)}`);
        expectNoServerError(await call(route.query), `${route.name} base`);
        const before = await fingerprint();
        for (const name of Object.keys(route.query)) {
          const isDate = route.dates.includes(name);
          const values = isDate ? [...BAD_DATES, ...NUMBERISH.slice(0, 2)] : [...BAD_DATES.slice(0, 3), ...NUMBERISH, ...ODD_TEXT];
          for (const value of [...values, "x".repeat(100_000)]) {
            const query = { ...route.query, [name]: value };
            const what = `${route.name} ${name}=${JSON.stringify(value).slice(0, 40)}`;
            const res = await call(query);
            const refused =
              (isDate && !(value === "" || value === " ")) || value.includes("\u0000") || value.length >= 100_000 || value === MB_STRING;
            if (refused) expectRefused(res, what);
            else expectNoServerError(res, what);
          }
        }
        expect(await fingerprint()).toEqual(before);
      },
      ROUTE_TIMEOUT_MS,
    );
  }
});

describe("malformed ids in the path are a 4xx", () => {
  for (const route of idRoutes) {
    it(route.name, async () => {
      for (const id of [
        "x",
        "1",
        "-1",
        "1e308",
        MISSING_ID,
        `${MISSING_ID}x`,
        "\u0000",
        "%00",
        "x".repeat(100_000),
        "../organisation",
        "NaN",
      ]) {
        expectRefused(await route.call(owner.client, id), `${route.name} ${JSON.stringify(id).slice(0, 40)}`);
      }
    });
  }
});

describe("any JSON in any field is never a 5xx (fast-check, fixed seed)", () => {
  it(
    "every body route",
    async () => {
      const anyJson: fc.Arbitrary<Json> = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.double(),
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      );
      const routeAndPath = fc
        .constantFrom(...bodyRoutes)
        .chain((route) => fc.record({ route: fc.constant(route), path: fc.constantFrom(...pathsOf(route.body()).map((p) => p.path)) }));
      await fc.assert(
        fc.asyncProperty(routeAndPath, anyJson, async ({ route, path }, value) => {
          const raw = JSON.stringify(value) ?? "null";
          expectNoServerError(
            await send(route, bodyWith(route.body(), path, raw)),
            `${route.name} ${path.join(".")} = ${raw.slice(0, 80)}`,
          );
        }),
        { seed: 20261206, numRuns: 200, endOnFailure: true },
      );
    },
    ROUTE_TIMEOUT_MS,
  );

  it(
    "every query route",
    async () => {
      const routeAndName = fc
        .constantFrom(...queryRoutes)
        .chain((route) => fc.record({ route: fc.constant(route), name: fc.constantFrom(...Object.keys(route.query)) }));
      await fc.assert(
        fc.asyncProperty(routeAndName, fc.string({ unit: "binary", maxLength: 200 }), async ({ route, name }, value) => {
          const res = await route.client().get(route.handler, `${route.path}?${new URLSearchParams({ ...route.query, [name]: value })}`);
          expectNoServerError(res, `${route.name} ${name}=${JSON.stringify(value)}`);
        }),
        { seed: 20261206, numRuns: 120, endOnFailure: true },
      );
    },
    ROUTE_TIMEOUT_MS,
  );
});
