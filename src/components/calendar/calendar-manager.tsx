"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { MessageKey } from "@/i18n/keys";
import { useApiErrorText } from "@/lib/api-error-text";
import { useApiResource } from "@/lib/use-api-resource";
import { type ConnectionError, isConnectionError } from "@/shared/calendar-connection-errors";
import { AppointmentsCard } from "./appointments-card";
import { BookingForm } from "./booking-form";
import { BookingSettingsCard } from "./booking-settings-card";
import type { Appointment, BookingSettings, CalendarConnection } from "./calendar-types";
import { ConnectionCard } from "./connection-card";

const DAY_MS = 24 * 60 * 60_000;

/** What the page says after a failed connection attempt (the OAuth callback's `error`). */
const connectionErrorMessages = {
  consent_denied: "calendar.connectionError.consentDenied",
  invalid_state: "calendar.connectionError.invalidState",
  already_used: "calendar.connectionError.alreadyUsed",
  expired: "calendar.connectionError.expired",
  wrong_account: "calendar.connectionError.wrongAccount",
  forbidden: "calendar.connectionError.forbidden",
  missing_scopes: "calendar.connectionError.missingScopes",
  exchange_failed: "calendar.connectionError.exchangeFailed",
  google_unavailable: "calendar.connectionError.googleUnavailable",
  not_configured: "calendar.connectionError.notConfigured",
  signed_out: "calendar.connectionError.signedOut",
} satisfies Record<ConnectionError, MessageKey>;

export interface CalendarManagerProps {
  canManage: boolean;
  /** What the OAuth callback reported: `connected=1` or an `error` code. */
  outcome: { connected: boolean; error: string | undefined };
}

/** The Calendar page: the connection, booking rules (admins), a booking form and upcoming appointments (everyone). */
export function CalendarManager({ canManage, outcome }: CalendarManagerProps) {
  const connection = useApiResource<CalendarConnection>("/api/calendar/connection");
  const t = useTranslations();
  const errorText = useApiErrorText();
  const settings = useApiResource<BookingSettings>("/api/calendar/settings");
  const range = useMemo(() => {
    const from = new Date(Date.now() - 60 * 60_000);
    return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(new Date(from.getTime() + 31 * DAY_MS).toISOString())}`;
  }, []);
  const appointments = useApiResource<Appointment[]>(`/api/calendar/appointments?${range}`);

  const upsert = (appointment: Appointment) => {
    appointments.setData((list) => {
      const others = (list ?? []).filter((a) => a.id !== appointment.id);
      return [...others, appointment].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    });
    void connection.reload();
  };

  const loadError = connection.error ?? settings.error ?? appointments.error;
  if (loadError && (!connection.data || !settings.data || !appointments.data))
    return <Alert variant="danger">{errorText(loadError)}</Alert>;
  if (!connection.data || !settings.data || !appointments.data) {
    return (
      <Card>
        <SkeletonRows label={t("calendar.loading")} />
      </Card>
    );
  }

  return (
    <div className="space-y-6">
      {outcome.connected && connection.data.status === "connected" && (
        <Alert variant="success" title={t("calendar.connectedTitle")}>
          {t("calendar.connectedBody", { account: connection.data.google_account_email ?? "" })}
        </Alert>
      )}
      {outcome.error && (
        <Alert variant="danger" title={t("calendar.notConnectedTitle")}>
          {isConnectionError(outcome.error) ? t(connectionErrorMessages[outcome.error]) : t("calendar.notConnectedBody")}
        </Alert>
      )}
      <ConnectionCard connection={connection.data} canManage={canManage} onChanged={() => void connection.reload()} />
      <AppointmentsCard appointments={appointments.data} onCancelled={upsert} />
      {connection.data.status === "connected" && (
        <BookingForm defaultDuration={settings.data.default_duration_minutes} timezone={settings.data.timezone} onBooked={upsert} />
      )}
      {canManage && <BookingSettingsCard settings={settings.data} onSaved={(saved) => settings.setData(() => saved)} />}
    </div>
  );
}
