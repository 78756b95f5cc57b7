import { and, eq } from "drizzle-orm";
import { type Actor, type ServiceActor, transactionFor } from "@/server/db/access";
import { pgErrorOf } from "@/server/db/postgres-error";
import { type Appointment, appointments, type ChangeSource, calls } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { recordPatientContact } from "@/server/patients/record-patient-contact";
import { openIntervalsBetween } from "@/server/working-hours/opening-hours";
import { runChangeHooks } from "./appointment-change-hooks";
import { CalendarNotConnectedError } from "./calendar-not-connected";
import { findNearestSlots } from "./find-nearest-slots";
import { addMinutes, type Interval, overlaps } from "./intervals";
import { type BookingContext, loadBookingContext } from "./load-booking-context";
import { syncAppointmentNow } from "./outbox/process-calendar-outbox";
import { queryBusyTime } from "./query-busy-time";

export interface BookingRequest {
  summary: string;
  start: Date;
  end: Date;
  description?: string | null;
  customerName?: string | null;
  customerPhone?: string | null;
  callId?: string | null;
  /** The same key returns the first booking instead of making another. */
  idempotencyKey?: string | null;
  createdBy?: string | null;
  /** Callers must book the clinic's minimum notice ahead; staff booking a walk-in need not. */
  enforceMinimumNotice: boolean;
  /** Where the booking was made: the dashboard unless said otherwise. */
  via?: ChangeSource;
}

/** Why a time cannot be booked. Expected outcomes, answered with the nearest free slots. */
export type UnavailableReason = "taken" | "outside_hours" | "too_soon" | "in_the_past";

export type BookingResult =
  | { outcome: "booked"; appointment: Appointment; replayed: boolean; context: BookingContext }
  | { outcome: "unavailable"; reason: UnavailableReason; nearest: Interval[]; context: BookingContext };

/**
 * Books an appointment in the clinic's connected calendar.
 *
 * Checks, in order: a retried idempotency key returns the first booking; the time is not past
 * (nor, for callers, inside the minimum notice); it lies inside opening hours; it keeps the
 * buffer clear of Google busy time and the clinic's appointments. Then the row is inserted and
 * the database has the last word: its exclusion constraint refuses an overlap that a
 * concurrent booking created after the check (23P01 → "taken").
 *
 * The row starts as pending_sync, due in the outbox, and this request creates the Google event
 * inline (id derived from the appointment id) unless Google just failed. If Google is down or
 * slow the answer is still a booking: the outbox worker creates the event later.
 */
export async function bookAppointment(actor: Actor | ServiceActor, request: BookingRequest, now: Date): Promise<BookingResult> {
  const { organisationId } = actor;
  const context = await transactionFor(actor, (tx) => loadBookingContext(tx, organisationId));
  if (!context.calendarId) throw calendarNotConnected();
  if (request.idempotencyKey) {
    const existing = await findByIdempotencyKey(actor, request.idempotencyKey);
    if (existing) return { outcome: "booked", appointment: existing, replayed: true, context };
  }

  if (request.callId && !(await isCallOf(actor, request.callId))) {
    throw new DomainError("invalid_input", "call_id: is not a call of this clinic", {
      fields: [{ path: "call_id", message: "is not a call of this clinic" }],
    });
  }

  const slot = { start: request.start, end: request.end };
  const durationMinutes = Math.round((slot.end.getTime() - slot.start.getTime()) / 60_000);
  const earliestStart = request.enforceMinimumNotice ? addMinutes(now, context.rules.minNoticeMinutes) : now;
  const unavailable = async (reason: UnavailableReason, skipGoogle = false): Promise<BookingResult> => {
    // The slot may be taken by this very request's twin (same key, sent twice at once).
    const twin = request.idempotencyKey ? await findByIdempotencyKey(actor, request.idempotencyKey) : undefined;
    if (twin) return { outcome: "booked", appointment: twin, replayed: true, context };
    return {
      outcome: "unavailable",
      reason,
      context,
      nearest: await findNearestSlots(actor, context, { around: slot.start, durationMinutes, earliestStart, now, skipGoogle }),
    };
  };

  if (slot.start < now) return unavailable("in_the_past");
  if (slot.start < earliestStart) return unavailable("too_soon");
  if (!insideOpeningHours(context, slot)) return unavailable("outside_hours");
  const buffer = context.rules.bufferMinutes;
  const guarded = { start: addMinutes(slot.start, -buffer), end: addMinutes(slot.end, buffer) };
  const busy = await queryBusyTime(actor, guarded, now);
  // Google refused the clinic's token just now: the connection is disconnected, so no booking.
  if (busy.google === "not_connected") throw calendarNotConnected();
  const googleDown = busy.google === "unavailable";
  if (busy.intervals.some((interval) => overlaps(interval, guarded))) return unavailable("taken", googleDown);

  let inserted: Appointment | undefined;
  try {
    inserted = await insertPending(actor, context.calendarId, request, now);
  } catch (error) {
    if (pgErrorOf(error)?.code === "23P01") return unavailable("taken", googleDown);
    throw error;
  }
  if (!inserted) {
    // A concurrent request with the same idempotency key got there first.
    const first = await findByIdempotencyKey(actor, request.idempotencyKey!);
    if (!first) throw new Error("idempotency key conflict without a row");
    return { outcome: "booked", appointment: first, replayed: true, context };
  }
  if (!googleDown) await syncAppointmentNow(inserted.id, now);
  const appointment = (await findById(actor, inserted.id)) ?? inserted;
  return { outcome: "booked", appointment, replayed: false, context };
}

function calendarNotConnected(): CalendarNotConnectedError {
  return new CalendarNotConnectedError("Connect the clinic's Google Calendar before booking appointments.");
}

/** The whole slot must be one stretch of open time (merged ranges and DST handled there). */
function insideOpeningHours(context: BookingContext, slot: Interval): boolean {
  const open = openIntervalsBetween(context.hours, slot.start, slot.end);
  return open.length === 1 && open[0]!.start.getTime() === slot.start.getTime() && open[0]!.end.getTime() === slot.end.getTime();
}

/**
 * Inserts the appointment as pending_sync, due in the outbox at once: the inline attempt (or the
 * worker, whichever claims it first) creates the Google event. Undefined when the idempotency
 * key is taken.
 */
async function insertPending(
  actor: Actor | ServiceActor,
  calendarId: string,
  request: BookingRequest,
  now: Date,
): Promise<Appointment | undefined> {
  const { organisationId } = actor;
  return transactionFor(actor, async (tx) => {
    // The number booked for makes (or finds) the clinic's patient, in the booking's transaction.
    const patientId = await recordPatientContact(tx, {
      organisationId,
      phoneNumber: request.customerPhone ?? null,
      name: request.customerName ?? null,
      at: now,
      isCall: false,
    });
    const [row] = await tx
      .insert(appointments)
      .values({
        organisationId,
        calendarId,
        startAt: request.start,
        endAt: request.end,
        summary: request.summary,
        description: request.description ?? null,
        customerName: request.customerName ?? null,
        customerPhone: request.customerPhone ?? null,
        callId: request.callId ?? null,
        createdBy: request.createdBy ?? null,
        idempotencyKey: request.idempotencyKey ?? null,
        status: "pending_sync",
        syncStatus: "pending",
        syncVersion: 1,
        syncNextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
        patientId,
        createdVia: request.via ?? "dashboard",
      })
      .onConflictDoNothing({ target: [appointments.organisationId, appointments.idempotencyKey] })
      .returning();
    if (row) await runChangeHooks(tx, { kind: "booked", appointment: row, now, scope: "kind" in actor ? "service" : "user" });
    return row;
  });
}

async function isCallOf(actor: Actor | ServiceActor, callId: string): Promise<boolean> {
  const { organisationId } = actor;
  const [call] = await transactionFor(actor, (tx) =>
    tx
      .select({ id: calls.id })
      .from(calls)
      .where(and(eq(calls.organisationId, organisationId), eq(calls.id, callId))),
  );
  return call !== undefined;
}

async function findByIdempotencyKey(actor: Actor | ServiceActor, key: string): Promise<Appointment | undefined> {
  const { organisationId } = actor;
  const [row] = await transactionFor(actor, (tx) =>
    tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.organisationId, organisationId), eq(appointments.idempotencyKey, key))),
  );
  return row;
}

export async function findById(actor: Actor | ServiceActor, id: string): Promise<Appointment | undefined> {
  const { organisationId } = actor;
  const [row] = await transactionFor(actor, (tx) =>
    tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.organisationId, organisationId), eq(appointments.id, id))),
  );
  return row;
}
