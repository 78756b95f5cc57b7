import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import { type Actor, asUser, type Db } from "@/server/db/access";
import { appointments, calls, organisations } from "@/server/db/schema";
import { type AppointmentJson, appointmentJson } from "./appointment-json";

/** The most a list returns; a range holding more is cut at the latest start shown. */
const APPOINTMENT_LIST_LIMIT = 500;

/**
 * The clinic's appointments overlapping [from, to), oldest first, cancelled ones included (the
 * dashboard shows them struck through), each with the call that booked it and the member (by
 * address) who last changed it. Read as the
 * signed-in person (RLS).
 */
export function listAppointments(actor: Actor, range: { from: Date; to: Date }): Promise<AppointmentJson[]> {
  return asUser(actor, (tx) => readAppointments(tx, actor.organisationId, range));
}

async function readAppointments(tx: Db, organisationId: string, range: { from: Date; to: Date }): Promise<AppointmentJson[]> {
  const [organisation] = await tx
    .select({ timezone: organisations.timezone })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const rows = await tx
    .select({
      appointment: appointments,
      callFrom: calls.fromNumber,
      callStartedAt: calls.startedAt,
      callCreatedAt: calls.createdAt,
    })
    .from(appointments)
    .leftJoin(calls, and(eq(calls.id, appointments.callId), eq(calls.organisationId, appointments.organisationId)))
    .where(and(eq(appointments.organisationId, organisationId), lt(appointments.startAt, range.to), gt(appointments.endAt, range.from)))
    .orderBy(asc(appointments.startAt), asc(appointments.id))
    .limit(APPOINTMENT_LIST_LIMIT);
  const timezone = organisation?.timezone ?? "UTC";
  const emails = new Map<string, string>();
  if (rows.some(({ appointment }) => appointment.changedBy)) {
    const members = await tx.execute(
      sql`select user_id, email from public.organisation_members_with_email() where organisation_id = ${organisationId}`,
    );
    for (const member of members.rows) emails.set(String(member.user_id), String(member.email));
  }
  return rows.map(({ appointment, callFrom, callStartedAt, callCreatedAt }) =>
    appointmentJson(
      appointment,
      timezone,
      appointment.callId
        ? { id: appointment.callId, from_number: callFrom ?? null, started_at: (callStartedAt ?? callCreatedAt)?.toISOString() ?? null }
        : null,
      appointment.changedBy ? { id: appointment.changedBy, email: emails.get(appointment.changedBy) ?? null } : null,
    ),
  );
}
