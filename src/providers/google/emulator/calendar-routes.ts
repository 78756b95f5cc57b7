import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseJsonObject, sendApiError, sendEmpty, sendJson } from "./http";
import type { EmulatorEndpoint, GoogleAccount, GoogleEmulatorState, StoredEvent } from "./state";

/**
 * Calendar v3 as the emulator plays it: freeBusy.query and events insert/get/list/patch/delete,
 * each checking the Bearer token and its scopes, answering with Google's status codes and the
 * `{error: {code, message, errors, status}}` envelope.
 */

const SCOPE = "https://www.googleapis.com/auth/";

/** Scopes that allow each method, from the Calendar v3 discovery document. */
const ALLOWED_SCOPES: Partial<Record<EmulatorEndpoint, string[]>> = {
  freeBusy: ["calendar", "calendar.readonly", "calendar.freebusy", "calendar.events.freebusy"],
  "events.insert": ["calendar", "calendar.app.created", "calendar.events", "calendar.events.owned"],
  "events.patch": ["calendar", "calendar.app.created", "calendar.events", "calendar.events.owned"],
  "events.delete": ["calendar", "calendar.app.created", "calendar.events", "calendar.events.owned"],
  "events.get": ["calendar", "calendar.readonly", "calendar.events", "calendar.events.readonly", "calendar.events.owned"],
  "events.list": ["calendar", "calendar.readonly", "calendar.events", "calendar.events.readonly", "calendar.events.owned"],
};

const EVENT_ID = /^[a-v0-9]{5,1024}$/;
const SEND_UPDATES = new Set(["all", "externalOnly", "none"]);

export interface CalendarRequest {
  endpoint: EmulatorEndpoint;
  req: IncomingMessage;
  url: URL;
  body: string;
  res: ServerResponse;
  /** Decoded path parameters. */
  calendarId?: string;
  eventId?: string;
}

export function handleCalendar(state: GoogleEmulatorState, request: CalendarRequest): void {
  const account = authenticate(state, request);
  if (!account) return;
  switch (request.endpoint) {
    case "freeBusy":
      return queryFreeBusy(state, account, request);
    case "events.insert":
      return insertEvent(state, account, request);
    case "events.list":
      return listEvents(state, account, request);
    case "events.get":
    case "events.patch":
    case "events.delete":
      return changeEvent(state, account, request);
    default:
      sendApiError(request.res, 404, { reason: "notFound", message: "Not Found" });
  }
}

/** Bearer token must be known, unexpired, from a live grant, and carry a scope for the method. */
function authenticate(state: GoogleEmulatorState, { req, res, endpoint }: CalendarRequest): GoogleAccount | undefined {
  const header = req.headers.authorization ?? "";
  const wwwAuthenticate = { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' };
  if (!header.startsWith("Bearer ")) {
    sendApiError(
      res,
      401,
      { reason: "required", message: "Login Required.", location: "Authorization", locationType: "header" },
      {
        message:
          "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        headers: wwwAuthenticate,
      },
    );
    return undefined;
  }
  const record = state.accessTokens.get(header.slice("Bearer ".length).trim());
  const grant = record ? state.grants.get(record.grantId) : undefined;
  if (!record || !grant || grant.revoked || record.expiresAt <= state.now()) {
    sendApiError(
      res,
      401,
      { reason: "authError", message: "Invalid Credentials", location: "Authorization", locationType: "header" },
      {
        message:
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        headers: { "www-authenticate": `${wwwAuthenticate["www-authenticate"]}, error="invalid_token"` },
      },
    );
    return undefined;
  }
  const granted = new Set(grant.scope.split(" "));
  if (!(ALLOWED_SCOPES[endpoint] ?? []).some((scope) => granted.has(SCOPE + scope))) {
    sendApiError(
      res,
      403,
      { reason: "insufficientPermissions", message: "Insufficient Permission" },
      { message: "Request had insufficient authentication scopes." },
    );
    return undefined;
  }
  return grant.account;
}

function queryFreeBusy(state: GoogleEmulatorState, account: GoogleAccount, { body, res }: CalendarRequest): void {
  const input = parseJsonObject(body);
  if (!input) return sendApiError(res, 400, { reason: "parseError", message: "Parse Error" });
  const range = readRange(input.timeMin, input.timeMax);
  if ("problem" in range) return sendApiError(res, 400, range.problem);
  const items = Array.isArray(input.items) ? (input.items as { id?: unknown }[]) : [];
  const calendars: Record<string, unknown> = {};
  for (const item of items) {
    if (typeof item?.id !== "string") continue;
    const id = state.resolveCalendarId(item.id, account);
    calendars[item.id] = state.calendars.has(id)
      ? { busy: mergeBusy(state.busyPeriods(id), range.start, range.end) }
      : { errors: [{ domain: "global", reason: "notFound" }], busy: [] };
  }
  sendJson(res, 200, {
    kind: "calendar#freeBusy",
    timeMin: rfc3339(range.start),
    timeMax: rfc3339(range.end),
    calendars,
  });
}

function insertEvent(state: GoogleEmulatorState, account: GoogleAccount, request: CalendarRequest): void {
  const { res, url, body } = request;
  const calendarId = state.resolveCalendarId(request.calendarId ?? "", account);
  if (!state.calendars.has(calendarId)) return sendApiError(res, 404, { reason: "notFound", message: "Not Found" });
  const sendUpdates = url.searchParams.get("sendUpdates");
  if (sendUpdates !== null && !SEND_UPDATES.has(sendUpdates)) {
    return sendApiError(res, 400, { reason: "invalidParameter", message: `Invalid value for: sendUpdates` });
  }
  const input = parseJsonObject(body);
  if (!input) return sendApiError(res, 400, { reason: "parseError", message: "Parse Error" });
  const id = typeof input.id === "string" ? input.id : randomBytes(16).toString("hex");
  if (!EVENT_ID.test(id)) return sendApiError(res, 400, { reason: "invalid", message: "Invalid resource id value." });
  const start = readEventTime(input.start);
  const end = readEventTime(input.end);
  if (!start) return sendApiError(res, 400, { reason: "required", message: "Missing start time." });
  if (!end) return sendApiError(res, 400, { reason: "required", message: "Missing end time." });
  if (Date.parse(end.dateTime) <= Date.parse(start.dateTime)) {
    return sendApiError(res, 400, { domain: "calendar", reason: "timeRangeEmpty", message: "The specified time range is empty." });
  }
  // Ids stay taken after deletion, as at Google.
  if (state.getEvent(calendarId, id)) {
    return sendApiError(res, 409, { reason: "duplicate", message: "The requested identifier already exists." });
  }
  const now = new Date(state.now()).toISOString();
  const event: StoredEvent = {
    kind: "calendar#event",
    etag: etag(state),
    id,
    status: "confirmed",
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendarId}`).toString("base64url")}`,
    created: now,
    updated: now,
    ...(typeof input.summary === "string" ? { summary: input.summary } : {}),
    ...(typeof input.description === "string" ? { description: input.description } : {}),
    creator: { email: account.email, self: true },
    organizer: { email: calendarId, self: true },
    start,
    end,
    iCalUID: `${id}@google.com`,
    sequence: 0,
    ...readAttendees(input.attendees),
    ...(input.transparency === "transparent" ? { transparency: "transparent" } : {}),
    reminders: { useDefault: true },
    eventType: "default",
    calendarId,
  };
  state.putEvent(event);
  sendJson(res, 200, publicEvent(event));
}

function listEvents(state: GoogleEmulatorState, account: GoogleAccount, request: CalendarRequest): void {
  const calendarId = state.resolveCalendarId(request.calendarId ?? "", account);
  if (!state.calendars.has(calendarId)) return sendApiError(request.res, 404, { reason: "notFound", message: "Not Found" });
  const includeCancelled = request.url.searchParams.get("showDeleted") === "true";
  const items = state.listEvents(calendarId, { includeCancelled }).map(publicEvent);
  sendJson(request.res, 200, { kind: "calendar#events", summary: calendarId, accessRole: "owner", items });
}

/** get, patch and delete of one event. */
function changeEvent(state: GoogleEmulatorState, account: GoogleAccount, request: CalendarRequest): void {
  const { res, endpoint } = request;
  const calendarId = state.resolveCalendarId(request.calendarId ?? "", account);
  const event = state.getEvent(calendarId, request.eventId ?? "");
  if (!event) return sendApiError(res, 404, { reason: "notFound", message: "Not Found" });
  if (endpoint === "events.get") return sendJson(res, 200, publicEvent(event));
  if (endpoint === "events.delete") {
    if (event.status === "cancelled") return sendApiError(res, 410, { reason: "deleted", message: "Resource has been deleted" });
    state.putEvent(touched(state, { ...event, status: "cancelled" }));
    return sendEmpty(res, 204);
  }
  const patch = parseJsonObject(request.body);
  if (!patch) return sendApiError(res, 400, { reason: "parseError", message: "Parse Error" });
  const status = patch.status;
  if (status !== undefined && status !== "confirmed" && status !== "tentative" && status !== "cancelled") {
    return sendApiError(res, 400, { reason: "invalid", message: "Invalid value for: status" });
  }
  const updated = touched(state, {
    ...event,
    ...(typeof patch.summary === "string" ? { summary: patch.summary } : {}),
    ...(typeof patch.description === "string" ? { description: patch.description } : {}),
    ...(status ? { status } : {}),
    start: readEventTime(patch.start) ?? event.start,
    end: readEventTime(patch.end) ?? event.end,
  });
  state.putEvent(updated);
  sendJson(res, 200, publicEvent(updated));
}

type Range = { start: Date; end: Date } | { problem: { reason: string; message: string; domain?: string } };

function readRange(timeMin: unknown, timeMax: unknown): Range {
  if (typeof timeMin !== "string") return { problem: { reason: "required", message: "Missing timeMin parameter." } };
  if (typeof timeMax !== "string") return { problem: { reason: "required", message: "Missing timeMax parameter." } };
  const start = new Date(timeMin);
  const end = new Date(timeMax);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    return { problem: { reason: "invalid", message: "Bad Request" } };
  }
  if (end <= start) {
    return { problem: { domain: "calendar", reason: "timeRangeEmpty", message: "The specified time range is empty." } };
  }
  return { start, end };
}

/** Busy periods clipped to [start, end), overlapping ones merged, as Google reports them. */
function mergeBusy(periods: { start: Date; end: Date }[], start: Date, end: Date) {
  const clipped = periods
    .map((p) => ({ start: Math.max(p.start.getTime(), start.getTime()), end: Math.min(p.end.getTime(), end.getTime()) }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const period of clipped) {
    const last = merged[merged.length - 1];
    if (last && period.start <= last.end) last.end = Math.max(last.end, period.end);
    else merged.push({ ...period });
  }
  return merged.map((p) => ({ start: rfc3339(new Date(p.start)), end: rfc3339(new Date(p.end)) }));
}

function readEventTime(value: unknown): { dateTime: string; timeZone?: string } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== "string" || Number.isNaN(Date.parse(dateTime))) return undefined;
  return { dateTime, ...(typeof timeZone === "string" ? { timeZone } : {}) };
}

function readAttendees(value: unknown): Pick<StoredEvent, "attendees"> {
  if (!Array.isArray(value)) return {};
  const attendees = value
    .filter((a): a is { email: string; displayName?: unknown } => typeof a?.email === "string")
    .map((a) => ({
      email: a.email,
      ...(typeof a.displayName === "string" ? { displayName: a.displayName } : {}),
      responseStatus: "needsAction",
    }));
  return { attendees };
}

function touched(state: GoogleEmulatorState, event: StoredEvent): StoredEvent {
  return { ...event, etag: etag(state), updated: new Date(state.now()).toISOString(), sequence: event.sequence + 1 };
}

function etag(state: GoogleEmulatorState): string {
  return `"${state.now()}${Math.floor(Math.random() * 1000)}"`;
}

/** The event as Google shows it (without the emulator's bookkeeping). */
function publicEvent(event: StoredEvent): Omit<StoredEvent, "calendarId"> {
  const { calendarId: _calendarId, ...rest } = event;
  return rest;
}

/** Google writes free/busy times in UTC without milliseconds: 2026-03-08T14:00:00Z. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
