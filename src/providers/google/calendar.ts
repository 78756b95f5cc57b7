import { calendar, type calendar_v3, type MethodOptions } from "@googleapis/calendar";
import type { GoogleConfig } from "./config";
import { GoogleError, kindOfReason, toGoogleError } from "./errors";

/**
 * Google Calendar v3 for one clinic, through @googleapis/calendar with its root URL taken from
 * GoogleConfig (so the emulator can stand in for Google).
 *
 * The caller passes a current access token (refreshing it is the caller's job: on a GoogleError
 * of kind `unauthorized`, refresh once and retry). Each call is one HTTP request bounded by
 * `config.requestTimeoutMs`, with the library's automatic retries switched off; the one exception
 * is insertEvent meeting an existing id, which reads that event back (a second request).
 */

interface BusyInterval {
  start: Date;
  end: Date;
}

interface FreeBusyInput {
  accessToken: string;
  /** "primary" or a calendar id (usually an email address). */
  calendarId: string;
  timeMin: Date;
  timeMax: Date;
  /** IANA zone, e.g. "Europe/London". Only changes how Google writes the times, not which. */
  timeZone: string;
}

interface EventAttendee {
  email: string;
  displayName?: string;
}

interface InsertEventInput {
  accessToken: string;
  calendarId: string;
  /** From eventIdFor(appointment.id): the same appointment always maps to the same event. */
  eventId: string;
  summary: string;
  description?: string;
  start: Date;
  end: Date;
  /** IANA zone of the clinic, so the event shows in local time and recurs correctly. */
  timeZone: string;
  attendees?: EventAttendee[];
  /** Who Google emails about the event. Default "none": callers are not Google users. */
  sendUpdates?: "all" | "externalOnly" | "none";
}

interface CancelEventInput {
  accessToken: string;
  calendarId: string;
  eventId: string;
  sendUpdates?: "all" | "externalOnly" | "none";
}

interface CalendarEvent {
  id: string;
  /** "confirmed", "tentative" or "cancelled". */
  status: string;
  htmlLink?: string;
  start?: string;
  end?: string;
}

type InsertEventResult =
  /** `already_exists`: an earlier attempt created it (Google's 409 `duplicate`); its current state is returned, which may be "cancelled". */
  { outcome: "created" | "already_exists"; event: CalendarEvent };

type CancelEventResult = { outcome: "cancelled" | "already_gone" };

export interface GoogleCalendar {
  /** Busy intervals of one calendar in [timeMin, timeMax), sorted by start. */
  queryFreeBusy(input: FreeBusyInput): Promise<BusyInterval[]>;
  /** Idempotent on `eventId`: inserting the same id again succeeds with `already_exists`. */
  insertEvent(input: InsertEventInput): Promise<InsertEventResult>;
  /** Idempotent: an event that is already deleted or unknown (404/410) counts as cancelled. */
  cancelEvent(input: CancelEventInput): Promise<CancelEventResult>;
  getEvent(input: { accessToken: string; calendarId: string; eventId: string }): Promise<CalendarEvent>;
  /** Brings an existing event's times, title and description in line (a moved or erased appointment). */
  patchEvent(input: InsertEventInput): Promise<CalendarEvent>;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/**
 * The Google event id of an appointment. Google accepts client ids of 5–1024 characters from
 * base32hex (`a-v` and `0-9`); a UUID's 32 lowercase hex digits are a subset of that alphabet,
 * so the id is the UUID without dashes. Deterministic, so a retried insert cannot duplicate.
 */
export function eventIdFor(appointmentId: string): string {
  if (!UUID.test(appointmentId)) throw new Error(`eventIdFor expects an appointment UUID, got "${appointmentId}"`);
  return appointmentId.replace(/-/g, "").toLowerCase();
}

/** Google's rule for client-supplied event ids. */
export function isValidEventId(eventId: string): boolean {
  return /^[a-v0-9]{5,1024}$/.test(eventId);
}

export function createGoogleCalendar(config: GoogleConfig): GoogleCalendar {
  const rootUrl = withTrailingSlash(config.endpoints.calendarApi);
  // rootUrl on the client swaps only the origin of each request URL; the same value per call
  // also keeps a path prefix (e.g. a proxy at https://proxy.example/google/).
  const api = calendar({ version: "v3", rootUrl });

  function requestOptions(accessToken: string): MethodOptions {
    return {
      rootUrl,
      timeout: config.requestTimeoutMs,
      // googleapis turns retries on unless told otherwise (3 attempts on 5xx/429/network errors).
      retry: false,
      headers: { Authorization: `Bearer ${accessToken}` },
    };
  }

  async function getEvent(input: { accessToken: string; calendarId: string; eventId: string }): Promise<CalendarEvent> {
    try {
      const { data } = await api.events.get({ calendarId: input.calendarId, eventId: input.eventId }, requestOptions(input.accessToken));
      return toCalendarEvent(data, "calendar.events.get");
    } catch (error) {
      throw toGoogleError(error, "calendar.events.get");
    }
  }

  return {
    async queryFreeBusy({ accessToken, calendarId, timeMin, timeMax, timeZone }) {
      const operation = "calendar.freeBusy";
      let data: calendar_v3.Schema$FreeBusyResponse;
      try {
        ({ data } = await api.freebusy.query(
          {
            requestBody: {
              timeMin: timeMin.toISOString(),
              timeMax: timeMax.toISOString(),
              timeZone,
              items: [{ id: calendarId }],
            },
          },
          requestOptions(accessToken),
        ));
      } catch (error) {
        throw toGoogleError(error, operation);
      }
      return busyIntervalsOf(data, calendarId, operation);
    },

    async insertEvent(input) {
      const operation = "calendar.events.insert";
      if (!isValidEventId(input.eventId)) {
        throw new GoogleError("invalid_request", `"${input.eventId}" is not a valid Google event id`, { operation });
      }
      try {
        const { data } = await api.events.insert(
          {
            calendarId: input.calendarId,
            sendUpdates: input.sendUpdates ?? "none",
            requestBody: {
              id: input.eventId,
              summary: input.summary,
              description: input.description,
              start: { dateTime: input.start.toISOString(), timeZone: input.timeZone },
              end: { dateTime: input.end.toISOString(), timeZone: input.timeZone },
              attendees: input.attendees,
            },
          },
          requestOptions(input.accessToken),
        );
        return { outcome: "created", event: toCalendarEvent(data, operation) };
      } catch (error) {
        const mapped = toGoogleError(error, operation);
        // 409 `duplicate`: this id exists (an earlier attempt got through, maybe one that timed out).
        if (mapped.status !== 409 || mapped.reason !== "duplicate") throw mapped;
      }
      const existing = await getEvent(input);
      return { outcome: "already_exists", event: existing };
    },

    async cancelEvent({ accessToken, calendarId, eventId, sendUpdates }) {
      try {
        await api.events.delete({ calendarId, eventId, sendUpdates: sendUpdates ?? "none" }, requestOptions(accessToken));
        return { outcome: "cancelled" };
      } catch (error) {
        const mapped = toGoogleError(error, "calendar.events.delete");
        if (mapped.status === 404 || mapped.status === 410) return { outcome: "already_gone" };
        throw mapped;
      }
    },

    getEvent,

    async patchEvent(input) {
      const operation = "calendar.events.patch";
      try {
        const { data } = await api.events.patch(
          {
            calendarId: input.calendarId,
            eventId: input.eventId,
            sendUpdates: input.sendUpdates ?? "none",
            requestBody: {
              summary: input.summary,
              description: input.description,
              start: { dateTime: input.start.toISOString(), timeZone: input.timeZone },
              end: { dateTime: input.end.toISOString(), timeZone: input.timeZone },
            },
          },
          requestOptions(input.accessToken),
        );
        return toCalendarEvent(data, operation);
      } catch (error) {
        throw toGoogleError(error, operation);
      }
    },
  };
}

/** Reads one calendar out of a freeBusy response. Per-calendar errors arrive inside an HTTP 200. */
function busyIntervalsOf(data: calendar_v3.Schema$FreeBusyResponse, calendarId: string, operation: string): BusyInterval[] {
  const entry = data.calendars?.[calendarId];
  if (!entry) throw new GoogleError("invalid_response", `freeBusy answered without calendar "${calendarId}"`, { operation });
  const reason = entry.errors?.[0]?.reason ?? undefined;
  if (reason) {
    throw new GoogleError(kindOfReason(reason), `Google freeBusy could not read calendar "${calendarId}" (${reason})`, {
      operation,
      reason,
      status: 200,
    });
  }
  const intervals = (entry.busy ?? []).map((period) => {
    const start = new Date(period.start ?? "");
    const end = new Date(period.end ?? "");
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
      throw new GoogleError("invalid_response", "freeBusy returned a busy period without valid times", { operation });
    }
    return { start, end };
  });
  return intervals.sort((a, b) => a.start.getTime() - b.start.getTime());
}

function toCalendarEvent(data: calendar_v3.Schema$Event, operation: string): CalendarEvent {
  if (!data.id) throw new GoogleError("invalid_response", "Google returned an event without an id", { operation });
  return {
    id: data.id,
    status: data.status ?? "confirmed",
    ...(data.htmlLink ? { htmlLink: data.htmlLink } : {}),
    ...(data.start?.dateTime ? { start: data.start.dateTime } : {}),
    ...(data.end?.dateTime ? { end: data.end.dateTime } : {}),
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
