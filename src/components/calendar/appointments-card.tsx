"use client";

import { CalendarDays, MessageSquareText, PhoneCall } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { useFormatters } from "@/lib/formatters";
import { zoneName } from "@/lib/zone-name";
import { formatPhoneNumber } from "@/shared/phone-number";
import { type Appointment, localTime } from "./calendar-types";

export interface AppointmentsCardProps {
  appointments: Appointment[];
  /** An appointment changed here (cancelled, marked a no-show): the list takes the new copy. */
  onCancelled: (appointment: Appointment) => void;
}

/** A PATCH's answer over the listed copy: the answer has no call, and names only the asking member. */
function merged(listed: Appointment, answer: Appointment): Appointment {
  const sameChanger = answer.changed_by?.id === listed.changed_by?.id;
  return {
    ...answer,
    call: answer.call ?? listed.call,
    changed_by: answer.changed_by && !answer.changed_by.email && sameChanger ? listed.changed_by : answer.changed_by,
  };
}

/**
 * Upcoming appointments: when, who, whether Google has them, where they were booked and last
 * changed (phone, text, dashboard, and which member), cancel, and no-show once begun.
 */
export function AppointmentsCard({ appointments, onCancelled }: AppointmentsCardProps) {
  const timeZone = useClinicTimeZone();
  const t = useTranslations();
  const errorText = useApiErrorText();
  const { formatDay } = useFormatters();
  async function cancel(appointment: Appointment): Promise<string | null> {
    const result = await apiFetch<Appointment>(`/api/calendar/appointments/${appointment.id}`, {
      method: "PATCH",
      body: { status: "cancelled" },
    });
    if (!result.ok) return errorText(result.error);
    onCancelled(merged(appointment, result.data));
    return null;
  }

  return (
    <Card>
      <CardHeader
        title={t("calendar.appointments.title")}
        description={t("calendar.appointments.description", { zone: zoneName(timeZone) })}
      />
      {appointments.length === 0 ? (
        <CardContent>
          <EmptyState
            icon={CalendarDays}
            variant="plain"
            compact
            titleAs="h3"
            title={t("calendar.appointments.emptyTitle")}
            description={t("calendar.appointments.emptyDescription")}
          />
        </CardContent>
      ) : (
        <CardContent flush>
          <Table aria-label={t("calendar.appointments.title")}>
            <TableHeader>
              <TableRow>
                <TableHead>{t("calendar.appointments.when")}</TableHead>
                <TableHead>{t("calendar.appointments.patient")}</TableHead>
                <TableHead>{t("calendar.appointments.what")}</TableHead>
                <TableHead>{t("calendar.appointments.google")}</TableHead>
                <TableHead>{t("calendar.appointments.booked")}</TableHead>
                <TableHead className="text-right">{t("calendar.appointments.actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {appointments.map((appointment) => (
                <TableRow key={appointment.id} className={appointment.status === "cancelled" ? "text-slate-500" : undefined}>
                  <TableCell>
                    <span className="block font-medium whitespace-nowrap text-slate-900">
                      {formatDay(appointment.start, appointment.timezone)}
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
                    {appointment.patient_confirmed_at && appointment.status !== "cancelled" && (
                      <Badge tone="success">{t("calendar.appointments.patientConfirmed")}</Badge>
                    )}
                    {appointment.no_show_at && <Badge tone="warning">{t("calendar.appointments.noShow")}</Badge>}
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
                        {appointment.call.from_number
                          ? t("calendar.appointments.byPhoneFrom", { number: formatPhoneNumber(appointment.call.from_number) })
                          : t("calendar.appointments.byPhone")}
                      </Link>
                    ) : (
                      <span className="text-slate-500">{t("calendar.appointments.byHand")}</span>
                    )}
                    <ChangeLine appointment={appointment} timeZone={timeZone} />
                  </TableCell>
                  <TableCell className="text-right">
                    <Actions appointment={appointment} onChanged={onCancelled} cancel={cancel} />
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

/** "Cancelled by text, 2 Mar, 10:04" / "Moved in the dashboard by ann@…": the last change, if any. */
function ChangeLine({ appointment, timeZone }: { appointment: Appointment; timeZone: string }) {
  const t = useTranslations();
  const { formatMoment } = useFormatters();
  if (!appointment.changed_via || !appointment.changed_at) return null;
  const via =
    appointment.changed_via === "phone"
      ? t("calendar.appointments.viaPhone")
      : appointment.changed_via === "sms"
        ? t("calendar.appointments.viaSms")
        : t("calendar.appointments.viaDashboard");
  const when = formatMoment(appointment.changed_at, timeZone);
  const who = appointment.changed_by ? (appointment.changed_by.email ?? t("calendar.appointments.formerMember")) : null;
  const cancelled = appointment.status === "cancelled";
  return (
    <div className="mt-0.5 flex items-center gap-1 text-xs text-slate-500" data-testid="appointment-change">
      {appointment.changed_via === "sms" ? (
        <MessageSquareText className="size-3.5" aria-hidden="true" />
      ) : appointment.changed_via === "phone" ? (
        <PhoneCall className="size-3.5" aria-hidden="true" />
      ) : null}
      <span>
        {cancelled ? t("calendar.appointments.cancelledVia", { via, when }) : t("calendar.appointments.changedVia", { via, when })}
        {who ? ` ${t("calendar.appointments.by", { who })}` : ""}
      </span>
    </div>
  );
}

function Actions({
  appointment,
  onChanged,
  cancel,
}: {
  appointment: Appointment;
  onChanged: (appointment: Appointment) => void;
  cancel: (appointment: Appointment) => Promise<string | null>;
}) {
  const t = useTranslations();
  const { formatDay } = useFormatters();
  const [busy, setBusy] = useState(false);
  if (appointment.status === "cancelled") return null;
  const begun = new Date(appointment.start).getTime() <= Date.now();
  async function markNoShow(noShow: boolean) {
    setBusy(true);
    const result = await apiFetch<Appointment>(`/api/calendar/appointments/${appointment.id}`, {
      method: "PATCH",
      body: { no_show: noShow },
    });
    setBusy(false);
    if (result.ok) onChanged(merged(appointment, result.data));
  }
  const what = appointment.summary;
  const time = localTime(appointment.start);
  if (begun) {
    return (
      <Button
        size="sm"
        variant="ghost"
        disabled={busy}
        aria-label={
          appointment.no_show_at
            ? t("calendar.appointments.unmarkNoShowOf", { what, time })
            : t("calendar.appointments.markNoShowOf", { what, time })
        }
        onClick={() => void markNoShow(!appointment.no_show_at)}
      >
        {appointment.no_show_at ? t("calendar.appointments.unmarkNoShow") : t("calendar.appointments.markNoShow")}
      </Button>
    );
  }
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" aria-label={t("calendar.appointments.cancelOf", { what, time })}>
          {t("calendar.appointments.cancel")}
        </Button>
      }
      title={t("calendar.appointments.cancelTitle")}
      description={t("calendar.appointments.cancelDescription", {
        what: appointment.summary,
        day: formatDay(appointment.start, appointment.timezone),
        time: localTime(appointment.start),
      })}
      confirmLabel={t("calendar.appointments.cancelConfirm")}
      destructive
      onConfirm={() => cancel(appointment)}
    />
  );
}

function SyncBadge({ appointment }: { appointment: Appointment }) {
  const t = useTranslations();
  const { sync, status } = appointment;
  let badge: { tone: BadgeTone; label: string };
  if (status === "cancelled") {
    badge =
      sync.status === "synced"
        ? { tone: "neutral", label: t("calendar.appointments.cancelled") }
        : { tone: "warning", label: t("calendar.appointments.cancellingInGoogle") };
  } else if (sync.status === "synced") {
    badge = { tone: "success", label: t("calendar.appointments.inGoogle") };
  } else if (sync.status === "failed") {
    badge = { tone: "danger", label: t("calendar.appointments.notInGoogle") };
  } else {
    badge = { tone: "warning", label: t("calendar.appointments.waitingForGoogle") };
  }
  return (
    <span title={sync.last_error ?? undefined}>
      <Badge tone={badge.tone} dot>
        {badge.label}
      </Badge>
    </span>
  );
}
