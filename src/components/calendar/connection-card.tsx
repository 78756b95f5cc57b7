"use client";

import { CalendarX2, RefreshCw } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { apiFetch } from "@/lib/api-client";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { type CalendarConnection, shortTimestamp } from "./calendar-types";

const healthBadge: Record<CalendarConnection["health"]["status"], { tone: BadgeTone; label: string }> = {
  healthy: { tone: "success", label: "Connected" },
  degraded: { tone: "warning", label: "Connected, Google failing" },
  disconnected: { tone: "danger", label: "Needs reconnecting" },
  not_connected: { tone: "neutral", label: "Not connected" },
};

export interface ConnectionCardProps {
  connection: CalendarConnection;
  canManage: boolean;
  onChanged: () => void;
}

/** The clinic's Google Calendar: which account, whether it works, and connect / disconnect for admins. */
export function ConnectionCard({ connection, canManage, onChanged }: ConnectionCardProps) {
  const timeZone = useClinicTimeZone();
  const badge = healthBadge[connection.health.status];
  const connected = connection.status === "connected";
  const connectLink = (label: string) => (
    <a href="/api/calendar/connect" className={buttonClasses(connected ? "secondary" : "primary", "md")}>
      {connected ? <RefreshCw aria-hidden="true" /> : null}
      {label}
    </a>
  );

  async function disconnect(): Promise<string | null> {
    const result = await apiFetch<{ revoked_at_google: string }>("/api/calendar/connection", { method: "DELETE" });
    if (!result.ok) return result.error.message;
    onChanged();
    return null;
  }

  return (
    <Card aria-label="Google Calendar connection">
      <CardHeader
        title="Google Calendar"
        description="Where the receptionist looks for free time and books appointments."
        actions={
          <Badge tone={badge.tone} dot>
            {badge.label}
          </Badge>
        }
      />
      <CardContent className="space-y-4">
        {!connection.google_configured && (
          <Alert variant="warning" title="Google is not set up on this server">
            Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (see .env.example) to let clinics connect their calendars.
          </Alert>
        )}
        {connection.status === "disconnected" && (
          <Alert variant="danger" title="Bookings are paused">
            {connection.disconnected_reason ?? "Google no longer accepts this connection."} Until it is reconnected, the receptionist does
            not offer appointments.
          </Alert>
        )}
        {connection.status === "not_connected" ? (
          <p className="text-sm text-slate-600">
            No calendar is connected, so the receptionist takes messages instead of booking. Connecting takes two clicks: choose the
            clinic&apos;s Google account and allow access to its calendar.
          </p>
        ) : (
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <Fact label="Google account" value={connection.google_account_email ?? "—"} />
            <Fact
              label="Calendar"
              value={connection.calendar_id === connection.google_account_email ? "Primary calendar" : (connection.calendar_id ?? "—")}
            />
            <Fact
              label="Connected on"
              value={`${shortTimestamp(connection.connected_at, timeZone)}${connection.connected_by?.email ? ` by ${connection.connected_by.email}` : ""}`}
            />
            <Fact label="Google last answered" value={shortTimestamp(connection.health.last_success_at, timeZone)} />
            {connection.health.status === "degraded" && (
              <Fact
                label="Last problem"
                value={`${connection.health.last_failure_reason ?? "Unknown"} (${shortTimestamp(connection.health.last_failure_at, timeZone)})`}
              />
            )}
            <Fact
              label="Waiting for Google"
              value={`${connection.health.pending_sync} appointment${connection.health.pending_sync === 1 ? "" : "s"}${
                connection.health.failed_sync ? `, ${connection.health.failed_sync} not synced` : ""
              }`}
            />
          </dl>
        )}
        {canManage && connection.google_configured && (
          <div className="flex flex-wrap gap-2">
            {connected
              ? connectLink("Reconnect")
              : connectLink(connection.status === "disconnected" ? "Reconnect Google Calendar" : "Connect Google Calendar")}
            {connection.status !== "not_connected" && (
              <ConfirmDialog
                trigger={
                  <Button variant="ghost">
                    <CalendarX2 aria-hidden="true" />
                    Disconnect
                  </Button>
                }
                title="Disconnect Google Calendar?"
                description="Clinicall deletes its access to the calendar and asks Google to revoke it. Appointments stay here, and the receptionist stops offering bookings until a calendar is connected again."
                confirmLabel="Disconnect"
                destructive
                onConfirm={disconnect}
              />
            )}
          </div>
        )}
        {!canManage && connection.status !== "connected" && (
          <p className="text-sm text-slate-500">An admin or owner of the clinic can connect its calendar.</p>
        )}
      </CardContent>
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 truncate text-slate-900">{value}</dd>
    </div>
  );
}
