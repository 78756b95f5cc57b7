import { count, eq } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { type Actor, asService, asUser } from "@/server/db/access";
import { appointments, organisationCalendarConnections, users } from "@/server/db/schema";
import { googleServices } from "./google-services";

type ConnectionHealth = "healthy" | "degraded" | "disconnected" | "not_connected";

export interface CalendarConnectionJson {
  status: "connected" | "disconnected" | "not_connected";
  /** Whether this server has Google credentials at all (without them nobody can connect). */
  google_configured: boolean;
  google_account_email: string | null;
  calendar_id: string | null;
  scopes: string[];
  connected_at: string | null;
  connected_by: { id: string; email: string | null } | null;
  disconnected_reason: string | null;
  health: {
    status: ConnectionHealth;
    last_success_at: string | null;
    last_failure_at: string | null;
    last_failure_reason: string | null;
    /** Appointments whose Google change waits in the outbox. */
    pending_sync: number;
    /** Appointments the outbox gave up on. */
    failed_sync: number;
  };
}

/**
 * The clinic's calendar connection as the dashboard shows it, read as the signed-in person
 * (RLS); only the email of whoever connected it comes from the service path (auth.users).
 */
export async function getCalendarConnection(actor: Actor): Promise<CalendarConnectionJson> {
  const { organisationId } = actor;
  const { row, syncCounts } = await asUser(actor, async (tx) => ({
    row: await readConnection(tx, organisationId),
    syncCounts: await tx
      .select({ syncStatus: appointments.syncStatus, n: count() })
      .from(appointments)
      .where(eq(appointments.organisationId, organisationId))
      .groupBy(appointments.syncStatus),
  }));
  const connectedByEmail = row?.connectedBy ? await emailOf(row.connectedBy) : null;
  const counted = (status: string) => Number(syncCounts.find((c) => c.syncStatus === status)?.n ?? 0);
  const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
  const status = row?.status ?? "not_connected";
  return {
    status,
    google_configured: googleServices() !== undefined,
    google_account_email: row?.email ?? null,
    calendar_id: row?.calendarId ?? null,
    scopes: row?.scopes ? row.scopes.split(/\s+/).filter(Boolean) : [],
    connected_at: iso(row?.connectedAt),
    connected_by: row?.connectedBy ? { id: row.connectedBy, email: connectedByEmail } : null,
    disconnected_reason: row?.disconnectedReason ?? null,
    health: {
      status: healthOf(status, row?.lastSuccessAt ?? null, row?.lastFailureAt ?? null),
      last_success_at: iso(row?.lastSuccessAt),
      last_failure_at: iso(row?.lastFailureAt),
      last_failure_reason: row?.lastFailureReason ?? null,
      pending_sync: counted("pending"),
      failed_sync: counted("failed"),
    },
  };
}

async function readConnection(tx: Db, organisationId: string) {
  const [row] = await tx
    .select({
      status: organisationCalendarConnections.status,
      email: organisationCalendarConnections.googleAccountEmail,
      calendarId: organisationCalendarConnections.calendarId,
      scopes: organisationCalendarConnections.scopes,
      connectedAt: organisationCalendarConnections.connectedAt,
      connectedBy: organisationCalendarConnections.connectedBy,
      disconnectedReason: organisationCalendarConnections.disconnectedReason,
      lastSuccessAt: organisationCalendarConnections.lastSuccessAt,
      lastFailureAt: organisationCalendarConnections.lastFailureAt,
      lastFailureReason: organisationCalendarConnections.lastFailureReason,
    })
    .from(organisationCalendarConnections)
    .where(eq(organisationCalendarConnections.organisationId, organisationId));
  return row;
}

async function emailOf(userId: string): Promise<string | null> {
  const [user] = await asService((tx) => tx.select({ email: users.email }).from(users).where(eq(users.id, userId)));
  return user?.email ?? null;
}

function healthOf(status: string, lastSuccessAt: Date | null, lastFailureAt: Date | null): ConnectionHealth {
  if (status === "not_connected") return "not_connected";
  if (status === "disconnected") return "disconnected";
  if (lastFailureAt && (!lastSuccessAt || lastFailureAt > lastSuccessAt)) return "degraded";
  return "healthy";
}
