"use client";

import { CalendarX2, RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { MessageKey } from "@/i18n/keys";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { useFormatters } from "@/lib/formatters";
import type { CalendarConnection } from "./calendar-types";

const healthBadge: Record<CalendarConnection["health"]["status"], { tone: BadgeTone; label: MessageKey }> = {
  healthy: { tone: "success", label: "calendar.health.healthy" },
  degraded: { tone: "warning", label: "calendar.health.degraded" },
  disconnected: { tone: "danger", label: "calendar.health.disconnected" },
  not_connected: { tone: "neutral", label: "calendar.health.not_connected" },
};

export interface ConnectionCardProps {
  connection: CalendarConnection;
  canManage: boolean;
  onChanged: () => void;
}

/** The clinic's Google Calendar: which account, whether it works, and connect / disconnect for admins. */
export function ConnectionCard({ connection, canManage, onChanged }: ConnectionCardProps) {
  const { formatMoment } = useFormatters();
  const timeZone = useClinicTimeZone();
  const t = useTranslations();
  const errorText = useApiErrorText();
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
    if (!result.ok) return errorText(result.error);
    onChanged();
    return null;
  }

  return (
    <Card aria-label={t("calendar.card")}>
      <CardHeader
        title={t("calendar.google")}
        description={t("calendar.googleDescription")}
        actions={
          <Badge tone={badge.tone} dot>
            {t(badge.label)}
          </Badge>
        }
      />
      <CardContent className="space-y-4">
        {!connection.google_configured && (
          <Alert variant="warning" title={t("calendar.notConfiguredTitle")}>
            {t("calendar.notConfiguredBody")}
          </Alert>
        )}
        {connection.status === "disconnected" && (
          <Alert variant="danger" title={t("calendar.pausedTitle")}>
            {t("calendar.pausedBody", { reason: connection.disconnected_reason ?? t("calendar.pausedReason") })}
          </Alert>
        )}
        {connection.status === "not_connected" ? (
          <p className="text-sm text-slate-600">{t("calendar.none")}</p>
        ) : (
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <Fact label={t("calendar.account")} value={connection.google_account_email ?? "—"} />
            <Fact
              label={t("calendar.calendar")}
              value={connection.calendar_id === connection.google_account_email ? t("calendar.primary") : (connection.calendar_id ?? "—")}
            />
            <Fact
              label={t("calendar.connectedOn")}
              value={
                connection.connected_by?.email
                  ? t("calendar.connectedOnBy", {
                      when: formatMoment(connection.connected_at, timeZone),
                      email: connection.connected_by.email,
                    })
                  : formatMoment(connection.connected_at, timeZone)
              }
            />
            <Fact label={t("calendar.lastAnswered")} value={formatMoment(connection.health.last_success_at, timeZone)} />
            {connection.health.status === "degraded" && (
              <Fact
                label={t("calendar.lastProblem")}
                value={`${connection.health.last_failure_reason ?? t("calendar.unknown")} (${formatMoment(connection.health.last_failure_at, timeZone)})`}
              />
            )}
            <Fact
              label={t("calendar.waiting")}
              value={[
                t("calendar.pending", { count: connection.health.pending_sync }),
                ...(connection.health.failed_sync ? [t("calendar.notSynced", { count: connection.health.failed_sync })] : []),
              ].join(", ")}
            />
          </dl>
        )}
        {canManage && connection.google_configured && (
          <div className="flex flex-wrap gap-2">
            {connected
              ? connectLink(t("calendar.reconnect"))
              : connectLink(connection.status === "disconnected" ? t("calendar.reconnectGoogle") : t("calendar.connect"))}
            {connection.status !== "not_connected" && (
              <ConfirmDialog
                trigger={
                  <Button variant="ghost">
                    <CalendarX2 aria-hidden="true" />
                    {t("calendar.disconnect")}
                  </Button>
                }
                title={t("calendar.disconnectTitle")}
                description={t("calendar.disconnectDescription")}
                confirmLabel={t("calendar.disconnect")}
                destructive
                onConfirm={disconnect}
              />
            )}
          </div>
        )}
        {!canManage && connection.status !== "connected" && <p className="text-sm text-slate-500">{t("calendar.viewerNote")}</p>}
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
