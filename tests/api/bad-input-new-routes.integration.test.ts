import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as changeEmailRoute from "@/app/api/account/email/route";
import * as notificationChoicesRoute from "@/app/api/account/notifications/route";
import * as changePasswordRoute from "@/app/api/account/password/route";
import * as sessionRoute from "@/app/api/account/sessions/[id]/route";
import * as signOutOthersRoute from "@/app/api/account/sessions/sign-out-others/route";
import * as twoFactorConfirmRoute from "@/app/api/account/two-factor/confirm/route";
import * as twoFactorDisableRoute from "@/app/api/account/two-factor/disable/route";
import * as twoFactorEnrolRoute from "@/app/api/account/two-factor/enrol/route";
import * as verificationRoute from "@/app/api/account/verification/route";
import * as auditExportRoute from "@/app/api/audit/export.csv/route";
import * as resetCheckRoute from "@/app/api/auth/password-reset/check/route";
import * as resetConfirmRoute from "@/app/api/auth/password-reset/confirm/route";
import * as resetRoute from "@/app/api/auth/password-reset/route";
import * as twoFactorSignInRoute from "@/app/api/auth/two-factor/route";
import * as verifyEmailRoute from "@/app/api/auth/verify-email/route";
import * as checkoutRoute from "@/app/api/billing/checkout/route";
import * as portalRoute from "@/app/api/billing/portal/route";
import * as billingSyncRoute from "@/app/api/billing/sync/route";
import * as usageRoute from "@/app/api/billing/usage/route";
import * as callRoutingRoute from "@/app/api/call-routing/route";
import * as meRoute from "@/app/api/me/route";
import * as messageRoute from "@/app/api/messages/[id]/route";
import * as messagesRoute from "@/app/api/messages/route";
import * as clinicTwoFactorRoute from "@/app/api/organisation/two-factor/route";
import * as patientRoute from "@/app/api/patients/[id]/route";
import * as patientsRoute from "@/app/api/patients/route";
import * as erasureRoute from "@/app/api/privacy/erasure/route";
import * as exportDownloadRoute from "@/app/api/privacy/exports/[id]/download/route";
import * as exportsRoute from "@/app/api/privacy/exports/route";
import * as privacySettingsRoute from "@/app/api/privacy/settings/route";
import * as retentionRoute from "@/app/api/retention/route";
import * as smsSettingsRoute from "@/app/api/sms-settings/route";
import * as staffNotificationsRoute from "@/app/api/staff-notifications/route";
import { dataExports, messages, patients, userSessions } from "@/server/db/schema";
import { BODY_LIMITS } from "@/server/http/read-body";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import type { ApiClient, ApiResponse } from "../helpers/api";
import { useTestApp } from "../helpers/api";
import {
  type BodyRoute,
  clinicFingerprint,
  DEEP_ARRAY,
  DEEP_OBJECT,
  endlessBody,
  expectNoServerError,
  expectRefused,
  type Handler,
  type IdRoute,
  MB_STRING,
  MISSING_ID,
  pathOf,
  type QueryRoute,
  ROUTE_TIMEOUT_MS,
  streamedRequest,
  sweepBodyRoute,
  sweepIdRoute,
  sweepQueryRoute,
  withBoundedLogs,
} from "../helpers/bad-input";
import { anyJsonInAnyBodyField, anyStringInAnyQueryParameter } from "../helpers/bad-input-properties";
import { createFactories } from "../helpers/factories";
import { seedEveryTable } from "../helpers/seed-every-table";

/**
 * The bad-input sweep of tests/api/bad-input.integration.test.ts over the routes the second wave
 * added (account, two-factor, password reset, messages, patients, call routing, SMS, staff
 * notifications, privacy, billing): every bad value in every body field and query parameter, bad
 * ids in paths, bodies over the cap (413 without reading them), another clinic's ids (404 and
 * nothing of theirs changes), garbage sent to routes that take no body. Never a 5xx; every log
 * line bounded.
 */
// Hundreds of requests per test: on a loaded 2-core machine a test may take 20 times as long as on a quiet one.
vi.setConfig({ testTimeout: ROUTE_TIMEOUT_MS, hookTimeout: ROUTE_TIMEOUT_MS });
const test = useTestApp({ jobs: "enqueue", env: () => ({ DEMO: "0" }) });

let owner: Awaited<ReturnType<typeof signUpOwner>>;
let member: Awaited<ReturnType<typeof addTeammate>>;
let other: Awaited<ReturnType<typeof signUpOwner>>;
let messageId: string;
let patientId: string;
let otherMessageId: string;
let otherPatientId: string;
let otherExportId: string;
let otherSessionId: string;

beforeAll(async () => {
  owner = await signUpOwner("Harbour Dental");
  member = await addTeammate(owner.client, "member");
  other = await signUpOwner("Other Clinic");
  const db = test.db().db;
  const f = createFactories(db);
  const mine = { id: owner.organisationId };
  const theirs = { id: other.organisationId };
  const patient = await f.createPatient(mine, { name: "Ann Lee" });
  patientId = patient.id;
  const [message] = await db
    .insert(messages)
    .values({ organisationId: mine.id, kind: "message", sourceKey: "bad-input-own", reason: "Call me back" })
    .returning();
  messageId = message!.id;
  await seedEveryTable(db, theirs, OTHER_TAG);
  otherMessageId = (await db.select().from(messages).where(eq(messages.organisationId, theirs.id)))[0]!.id;
  otherPatientId = (await db.select().from(patients).where(eq(patients.organisationId, theirs.id)))[0]!.id;
  otherExportId = (await db.select().from(dataExports).where(eq(dataExports.organisationId, theirs.id)))[0]!.id;
  otherSessionId = (await db.select().from(userSessions).where(eq(userSessions.userId, other.userId)))[0]!.id;
});

/** In every text the other clinic's seeded rows hold: an answer that shows it leaked their data. */
const OTHER_TAG = "zq7tag";
const asOwner = () => owner.client;
const asMember = () => member.client;
/** Log-in throttling counts wrong passwords and codes; those counters are what such a refusal may write. */
const THROTTLE_TABLES = ["login_throttle_buckets"];

const bodyRoutes: BodyRoute[] = [
  {
    name: "POST /api/account/email",
    handler: changeEmailRoute.POST,
    method: "POST",
    path: "/api/account/email",
    client: asMember,
    body: () => ({ new_email: "someone-new@clinic.test", password: "not the password" }),
  },
  {
    name: "PUT /api/account/notifications",
    handler: notificationChoicesRoute.PUT,
    method: "PUT",
    path: "/api/account/notifications",
    client: asMember,
    body: () => ({ email_notifications: { billing: true, messages: false } }),
  },
  {
    name: "POST /api/account/password",
    handler: changePasswordRoute.POST,
    method: "POST",
    path: "/api/account/password",
    client: asMember,
    body: () => ({ current_password: "not the password", new_password: "another horse battery" }),
  },
  {
    name: "POST /api/account/two-factor/confirm",
    handler: twoFactorConfirmRoute.POST,
    method: "POST",
    path: "/api/account/two-factor/confirm",
    client: asMember,
    body: () => ({ code: "123456" }),
  },
  {
    name: "POST /api/account/two-factor/disable",
    handler: twoFactorDisableRoute.POST,
    method: "POST",
    path: "/api/account/two-factor/disable",
    client: asMember,
    body: () => ({ password: "not the password" }),
  },
  {
    name: "POST /api/auth/password-reset",
    handler: resetRoute.POST,
    method: "POST",
    path: "/api/auth/password-reset",
    client: asMember,
    body: () => ({ email: "nobody-here@clinic.test" }),
  },
  {
    name: "POST /api/auth/password-reset/check",
    handler: resetCheckRoute.POST,
    method: "POST",
    path: "/api/auth/password-reset/check",
    client: asMember,
    body: () => ({ token: "a-token-that-was-never-issued-0000" }),
  },
  {
    name: "POST /api/auth/password-reset/confirm",
    handler: resetConfirmRoute.POST,
    method: "POST",
    path: "/api/auth/password-reset/confirm",
    client: asMember,
    body: () => ({ token: "a-token-that-was-never-issued-0000", password: "another horse battery" }),
  },
  {
    name: "POST /api/auth/two-factor",
    handler: twoFactorSignInRoute.POST,
    method: "POST",
    path: "/api/auth/two-factor",
    client: asMember,
    body: () => ({ challenge: "a-challenge-that-was-never-issued", code: "123456" }),
  },
  {
    name: "POST /api/auth/verify-email",
    handler: verifyEmailRoute.POST,
    method: "POST",
    path: "/api/auth/verify-email",
    client: asMember,
    body: () => ({ token: "a-token-that-was-never-issued-0000" }),
  },
  {
    name: "PUT /api/call-routing",
    handler: callRoutingRoute.PUT,
    method: "PUT",
    path: "/api/call-routing",
    client: asOwner,
    body: () => ({
      staff_destinations: [{ name: "Front desk", number: "+442079460001", sms: false }],
      ring_timeout_seconds: 20,
      ring_staff_first: false,
      ring_staff_first_seconds: 15,
      no_answer: "voicemail",
      after_hours_mode: "assistant",
      on_call_number: null,
      emergency_transfer: false,
    }),
  },
  {
    name: "PATCH /api/me",
    handler: meRoute.PATCH,
    method: "PATCH",
    path: "/api/me",
    client: asMember,
    body: () => ({ language: "en", full_name: "Sam Member" }),
  },
  {
    name: "PATCH /api/messages",
    handler: messagesRoute.PATCH,
    method: "PATCH",
    path: "/api/messages",
    client: asOwner,
    body: () => ({ ids: [messageId], status: "in_progress", assignee_id: null }),
  },
  {
    name: "PATCH /api/messages/:id",
    handler: messageRoute.PATCH,
    method: "PATCH",
    path: "/api/messages/:id",
    params: () => ({ id: messageId }),
    client: asOwner,
    body: () => ({ status: "done", assignee_id: null }),
  },
  {
    name: "PATCH /api/patients/:id",
    handler: patientRoute.PATCH,
    method: "PATCH",
    path: "/api/patients/:id",
    params: () => ({ id: patientId }),
    client: asOwner,
    body: () => ({ name: "Ann Lee", notes: null, preferred_language: "en", sms_consent: "unknown" }),
  },
  {
    name: "PUT /api/organisation/two-factor",
    handler: clinicTwoFactorRoute.PUT,
    method: "PUT",
    path: "/api/organisation/two-factor",
    client: asOwner,
    body: () => ({ required: false }),
  },
  {
    name: "POST /api/privacy/erasure",
    handler: erasureRoute.POST,
    method: "POST",
    path: "/api/privacy/erasure",
    client: asOwner,
    body: () => ({ confirmation: "Not the clinic's name" }),
  },
  {
    name: "PUT /api/privacy/settings",
    handler: privacySettingsRoute.PUT,
    method: "PUT",
    path: "/api/privacy/settings",
    client: asOwner,
    body: () => ({
      recording_consent: { enabled: true, text_en: "This call is recorded.", text_ru: null, delivery: "first_message" },
      compliance_mode: "standard",
    }),
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
    name: "PUT /api/sms-settings",
    handler: smsSettingsRoute.PUT,
    method: "PUT",
    path: "/api/sms-settings",
    client: asOwner,
    body: () => ({
      enabled: false,
      messaging_service_sid: null,
      quiet_hours: { start: "21:00", end: "08:00" },
      reminder_offsets_minutes: [1440],
      templates: { confirmation: { en: "See you {date} at {time}." } },
    }),
  },
  {
    name: "PUT /api/staff-notifications",
    handler: staffNotificationsRoute.PUT,
    method: "PUT",
    path: "/api/staff-notifications",
    client: asOwner,
    body: () => ({ quiet_hours: { start: "21:00", end: "07:00" } }),
  },
];

const queryRoutes: QueryRoute[] = [
  {
    name: "GET /api/messages",
    handler: messagesRoute.GET,
    path: "/api/messages",
    client: asOwner,
    query: { status: "new,in_progress", assignee: "me", limit: "25", cursor: "" },
    dates: [],
  },
  {
    name: "GET /api/patients",
    handler: patientsRoute.GET,
    path: "/api/patients",
    client: asOwner,
    query: { q: "Ann", limit: "25", cursor: "" },
    dates: [],
  },
  {
    name: "GET /api/billing/usage",
    handler: usageRoute.GET,
    path: "/api/billing/usage",
    client: asOwner,
    query: { from: "2027-01-01", to: "2027-01-31" },
    dates: ["from", "to"],
  },
  {
    name: "GET /api/audit/export.csv",
    handler: auditExportRoute.GET,
    path: "/api/audit/export.csv",
    client: asOwner,
    query: { action: "hours.changed", user_id: MISSING_ID, from: "2027-01-01", to: "2027-01-31" },
    dates: ["from", "to"],
    writes: ["audit_events"],
  },
];

const idRoutes: IdRoute[] = [
  { name: "GET /api/messages/:id", call: (c, id) => c.get(messageRoute.GET, "/api/messages/x", { id }) },
  {
    name: "PATCH /api/messages/:id",
    call: (c, id) => c.call(messageRoute.PATCH, "PATCH", "/api/messages/x", { params: { id }, body: { status: "done" } }),
  },
  { name: "GET /api/patients/:id", call: (c, id) => c.get(patientRoute.GET, "/api/patients/x", { id }) },
  {
    name: "PATCH /api/patients/:id",
    call: (c, id) => c.call(patientRoute.PATCH, "PATCH", "/api/patients/x", { params: { id }, body: { notes: "x" } }),
  },
  { name: "DELETE /api/patients/:id", call: (c, id) => c.delete(patientRoute.DELETE, "/api/patients/x", { id }) },
  {
    name: "GET /api/privacy/exports/:id/download",
    call: (c, id) => c.get(exportDownloadRoute.GET, "/api/privacy/exports/x/download", { id }),
  },
  { name: "DELETE /api/account/sessions/:id", call: (c, id) => c.delete(sessionRoute.DELETE, "/api/account/sessions/x", { id }) },
];

/** Routes that read no body: whatever one carries changes nothing about the answer's class. */
const noBodyRoutes: { name: string; handler: Handler; method: string; path: string; client: () => ApiClient }[] = [
  { name: "POST /api/billing/checkout", handler: checkoutRoute.POST, method: "POST", path: "/api/billing/checkout", client: asOwner },
  { name: "POST /api/billing/portal", handler: portalRoute.POST, method: "POST", path: "/api/billing/portal", client: asOwner },
  { name: "POST /api/billing/sync", handler: billingSyncRoute.POST, method: "POST", path: "/api/billing/sync", client: asOwner },
  {
    name: "POST /api/account/verification",
    handler: verificationRoute.POST,
    method: "POST",
    path: "/api/account/verification",
    client: asMember,
  },
  {
    name: "POST /api/account/two-factor/enrol",
    handler: twoFactorEnrolRoute.POST,
    method: "POST",
    path: "/api/account/two-factor/enrol",
    client: asMember,
  },
  {
    name: "POST /api/account/sessions/sign-out-others",
    handler: signOutOthersRoute.POST,
    method: "POST",
    path: "/api/account/sessions/sign-out-others",
    client: asMember,
  },
  { name: "POST /api/privacy/exports", handler: exportsRoute.POST, method: "POST", path: "/api/privacy/exports", client: asMember },
  { name: "DELETE /api/privacy/erasure", handler: erasureRoute.DELETE, method: "DELETE", path: "/api/privacy/erasure", client: asMember },
];

describe("bad input to each JSON body field of the new routes is refused or handled, never a 5xx", () => {
  for (const route of bodyRoutes) {
    it(route.name, () => withBoundedLogs(() => sweepBodyRoute(route, test.db(), THROTTLE_TABLES)), ROUTE_TIMEOUT_MS);
  }
});

describe("bad query parameters of the new routes are refused or handled, never a 5xx", () => {
  for (const route of queryRoutes) {
    it(route.name, () => withBoundedLogs(() => sweepQueryRoute(route, test.db())), ROUTE_TIMEOUT_MS);
  }
});

describe("malformed ids in the new routes' paths are a 4xx", () => {
  for (const route of idRoutes) {
    it(route.name, () => withBoundedLogs(() => sweepIdRoute(route, owner.client)));
  }
});

describe("another clinic's ids are not found, and nothing of that clinic changes", () => {
  it("messages, patients, exports and sessions of another clinic", async () => {
    const theirs = await clinicFingerprint(test.db(), other.organisationId);
    const cases: [string, () => Promise<ApiResponse>][] = [
      ["GET message", () => owner.client.get(messageRoute.GET, "/api/messages/x", { id: otherMessageId })],
      [
        "PATCH message",
        () =>
          owner.client.patch(messageRoute.PATCH, "/api/messages/x", { status: "done", assignee_id: owner.userId }, { id: otherMessageId }),
      ],
      ["GET patient", () => owner.client.get(patientRoute.GET, "/api/patients/x", { id: otherPatientId })],
      ["PATCH patient", () => owner.client.patch(patientRoute.PATCH, "/api/patients/x", { notes: "mine now" }, { id: otherPatientId })],
      ["DELETE patient", () => owner.client.delete(patientRoute.DELETE, "/api/patients/x", { id: otherPatientId })],
      ["download export", () => owner.client.get(exportDownloadRoute.GET, "/api/privacy/exports/x/download", { id: otherExportId })],
      ["revoke session", () => owner.client.delete(sessionRoute.DELETE, "/api/account/sessions/x", { id: otherSessionId })],
    ];
    for (const [what, call] of cases) {
      const res = await call();
      expect(res.status, what).toBe(404);
      expect(JSON.stringify(res.body), what).not.toContain(OTHER_TAG);
    }
    // Several at once: another clinic's ids never change, and are not named back.
    const bulk = await owner.client.patch(messagesRoute.PATCH, "/api/messages", { ids: [otherMessageId, messageId], status: "done" });
    expect(bulk.status).toBe(200);
    expect(bulk.body.updated).toEqual([messageId]);
    // Assigning one's own message to another clinic's person is refused.
    const assign = await owner.client.patch(messageRoute.PATCH, "/api/messages/x", { assignee_id: other.userId }, { id: messageId });
    expectRefused(assign, "assign to another clinic's owner");
    const [mine] = await test.db().db.select().from(messages).where(eq(messages.id, messageId));
    expect(mine!.assignedTo).toBeNull();
    // The other clinic's session still works.
    const stillIn = await test
      .db()
      .db.select()
      .from(userSessions)
      .where(and(eq(userSessions.id, otherSessionId), eq(userSessions.userId, other.userId)));
    expect(stillIn).toHaveLength(1);
    expect(await clinicFingerprint(test.db(), other.organisationId)).toEqual(theirs);
  });
});

describe("bodies over the cap are refused with 413 before they are read", () => {
  it(
    "every JSON body route: a declared Content-Length over the cap reads nothing, an endless stream stops at the cap",
    async () => {
      for (const route of bodyRoutes) {
        const declared = endlessBody(200 * 1024 * 1024);
        const client = route.client();
        const cookie: Record<string, string> = client.cookie ? { cookie: `clinicall_session=${client.cookie}` } : {};
        const params = route.params?.() ?? {};
        const headers: Record<string, string> = { "content-type": "application/json", ...cookie };
        let res = await route.handler(
          streamedRequest(route.method, pathOf(route), declared.stream, { ...headers, "content-length": String(200 * 1024 * 1024) }),
          { params: Promise.resolve(params) },
        );
        expect(res.status, `${route.name} declared`).toBe(413);
        expect((await res.json()).error.code).toBe("payload_too_large");
        expect(declared.pulled(), `${route.name} declared: bytes read`).toBeLessThanOrEqual(128 * 1024);
        const endless = endlessBody(200 * 1024 * 1024);
        res = await route.handler(streamedRequest(route.method, pathOf(route), endless.stream, headers), {
          params: Promise.resolve(params),
        });
        expect(res.status, `${route.name} streamed`).toBe(413);
        expect(endless.pulled(), `${route.name} streamed: bytes read`).toBeLessThanOrEqual(BODY_LIMITS.json + 192 * 1024);
      }
    },
    ROUTE_TIMEOUT_MS,
  );
});

describe("routes that read no body answer the same whatever body is sent", () => {
  it(
    "deep, NUL, huge and non-JSON bodies are never a 5xx",
    async () => {
      for (const route of noBodyRoutes) {
        for (const raw of [DEEP_ARRAY, DEEP_OBJECT, '{"\\u0000":"\\ud800"}', "\u0000", MB_STRING, "{"]) {
          const res = await route.client().call(route.handler, route.method, route.path, {
            rawBody: raw,
            headers: { "content-type": "application/json" },
          });
          expectNoServerError(res, `${route.name} ${raw.slice(0, 20)}`);
        }
      }
    },
    ROUTE_TIMEOUT_MS,
  );

  it("a second export request while one is running changes nothing (idempotent)", async () => {
    const first = await owner.client.post(exportsRoute.POST, "/api/privacy/exports");
    expect([200, 202]).toContain(first.status);
    const second = await owner.client.post(exportsRoute.POST, "/api/privacy/exports");
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const rows = await test.db().db.select().from(dataExports).where(eq(dataExports.organisationId, owner.organisationId));
    expect(rows).toHaveLength(1);
  });
});

describe("any JSON in any field of the new routes is never a 5xx (fast-check, fixed seed)", () => {
  it("every new body route", () => withBoundedLogs(() => anyJsonInAnyBodyField(bodyRoutes, 20261207)), ROUTE_TIMEOUT_MS);
  it("every new query route", () => withBoundedLogs(() => anyStringInAnyQueryParameter(queryRoutes, 20261207)), ROUTE_TIMEOUT_MS);
});
