"use client";

import { CalendarDays, PhoneCall } from "lucide-react";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { zoneName } from "@/lib/zone-name";
import { formatPhoneNumber } from "@/shared/phone-number";
import { type Appointment, localDay, localTime } from "./calendar-types";

export interface AppointmentsCardProps {
  appointments: Appointment[];
  onCancelled: (appointment: Appointment) => void;
}

/** Upcoming appointments: when, who, whether Google has them, the call that booked them, and cancel. */
export function AppointmentsCard({ appointments, onCancelled }: AppointmentsCardProps) {
  const timeZone = useClinicTimeZone();
  async function cancel(appointment: Appointment): Promise<string | null> {
    const result = await apiFetch<Appointment>(`/api/calendar/appointments/${appointment.id}`, {
      method: "PATCH",
      body: { status: "cancelled" },
    });
    if (!result.ok) return result.error.message;
    onCancelled(result.data);
    return null;
  }

  return (
    <Card>
      <CardHeader
        title="Upcoming appointments"
        description={`The next 31 days, booked by the receptionist or by hand, in the clinic's time zone (${zoneName(timeZone)}).`}
      />
      {appointments.length === 0 ? (
        <CardContent>
          <EmptyState
            icon={CalendarDays}
            variant="plain"
            compact
            titleAs="h3"
            title="No upcoming appointments"
            description="Appointments the receptionist books during calls, and the ones you book below, appear here."
          />
        </CardContent>
      ) : (
        <CardContent flush>
          <Table aria-label="Upcoming appointments">
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Patient</TableHead>
                <TableHead>What</TableHead>
                <TableHead>Google Calendar</TableHead>
                <TableHead>Booked</TableHead>
                <TableHead className="text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {appointments.map((appointment) => (
                <TableRow key={appointment.id} className={appointment.status === "cancelled" ? "text-slate-500" : undefined}>
                  <TableCell>
                    <span className="block font-medium whitespace-nowrap text-slate-900">
                      {localDay(appointment.start, appointment.timezone)}
                    </span>{" "}
                    <span className="whitespace-nowrap">
                      {localTime(appointment.start)}–{localTime(appointment.end)}
                    </span>
                  </TableCell>
                  <TableCell>
                    <div className="text-slate-900">{appointment.customer_name ?? "—"}</div>
                    {appointment.customer_phone && (
                      <div className="text-xs text-slate-500">{formatPhoneNumber(appointment.customer_phone)}</div>
                    )}
                  </TableCell>
                  <TableCell className={appointment.status === "cancelled" ? "line-through" : undefined}>{appointment.summary}</TableCell>
                  <TableCell>
                    <SyncBadge appointment={appointment} />
                  </TableCell>
                  <TableCell>
                    {appointment.call ? (
                      <Link
                        href={`/dashboard/calls?call=${appointment.call.id}`}
                        className="inline-flex items-center gap-1 text-brand-700 hover:underline"
                      >
                        <PhoneCall className="size-3.5" aria-hidden="true" />
                        By phone{appointment.call.from_number ? ` from ${formatPhoneNumber(appointment.call.from_number)}` : ""}
                      </Link>
                    ) : (
                      <span className="text-slate-500">By hand</span>
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    {appointment.status !== "cancelled" && (
                      <ConfirmDialog
                        trigger={
                          <Button size="sm" variant="ghost" aria-label={`Cancel ${appointment.summary} at ${localTime(appointment.start)}`}>
                            Cancel
                          </Button>
                        }
                        title="Cancel this appointment?"
                        description={`${appointment.summary}, ${localDay(appointment.start, appointment.timezone)} at ${localTime(appointment.start)}. The slot becomes free and the event is removed from Google Calendar.`}
                        confirmLabel="Cancel appointment"
                        destructive
                        onConfirm={() => cancel(appointment)}
                      />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      )}
    </Card>
  );
}

function SyncBadge({ appointment }: { appointment: Appointment }) {
  const { sync, status } = appointment;
  let badge: { tone: BadgeTone; label: string };
  if (status === "cancelled") {
    badge = sync.status === "synced" ? { tone: "neutral", label: "Cancelled" } : { tone: "warning", label: "Cancelling in Google" };
  } else if (sync.status === "synced") {
    badge = { tone: "success", label: "In Google Calendar" };
  } else if (sync.status === "failed") {
    badge = { tone: "danger", label: "Not in Google Calendar" };
  } else {
    badge = { tone: "warning", label: "Waiting for Google" };
  }
  return (
    <span title={sync.last_error ?? undefined}>
      <Badge tone={badge.tone} dot>
        {badge.label}
      </Badge>
    </span>
  );
}
