"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import type { Analytics } from "@/lib/call-log-types";
import { useFormatters } from "@/lib/formatters";

type Texts = Analytics["appointments"];

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 px-3 py-2.5">
      <dt className="text-[13px] font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-xl font-semibold text-slate-900 tabular-nums">{value}</dd>
      {note && <dd className="text-xs text-slate-500">{note}</dd>}
    </div>
  );
}

/**
 * What texts did for the appointments of the period: how many patients confirmed, how many
 * reminders arrived, where cancellations came from, and no-shows before and after texts were on.
 */
export function AppointmentTextsCard({ texts }: { texts: Texts }) {
  const t = useTranslations();
  const format = useFormatter();
  const { formatPercent } = useFormatters();
  const { before, after } = texts.no_shows;
  return (
    <Card className="mt-6">
      <CardHeader title={t("analytics.texts.title")} description={t("analytics.texts.description", { count: texts.appointments })} />
      <CardContent>
        <dl className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          <Figure
            label={t("analytics.texts.confirmationRate")}
            value={formatPercent(texts.confirmation_rate)}
            note={t("analytics.texts.confirmedOf", { confirmed: texts.confirmed, texted: texts.texted })}
          />
          <Figure
            label={t("analytics.texts.reminderDelivery")}
            value={formatPercent(texts.reminder_delivery_rate)}
            note={t("analytics.texts.remindersSent", { count: texts.reminders_sent, failed: texts.reminders_failed })}
          />
          <Figure
            label={t("analytics.texts.cancelledBySms")}
            value={format.number(texts.cancellations.by_sms)}
            note={t("analytics.texts.cancelledOther", { phone: texts.cancellations.by_phone, dashboard: texts.cancellations.by_dashboard })}
          />
          <Figure label={t("analytics.texts.cancelledByPhone")} value={format.number(texts.cancellations.by_phone)} />
        </dl>
        <h3 className="mt-5 text-sm font-semibold text-slate-900">{t("analytics.texts.noShowsTitle")}</h3>
        <p className="text-xs text-slate-500">
          {texts.sms_enabled_at
            ? t("analytics.texts.enabledOn", { date: format.dateTime(new Date(texts.sms_enabled_at), { dateStyle: "medium" }) })
            : t("analytics.texts.neverEnabled")}
        </p>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2">
          <Figure
            label={t("analytics.texts.noShowsBefore")}
            value={formatPercent(before.no_show_rate)}
            note={t("analytics.texts.noShowsOf", { count: before.no_shows, appointments: before.appointments })}
          />
          <Figure
            label={t("analytics.texts.noShowsAfter")}
            value={after ? formatPercent(after.no_show_rate) : "—"}
            note={after ? t("analytics.texts.noShowsOf", { count: after.no_shows, appointments: after.appointments }) : undefined}
          />
        </dl>
      </CardContent>
    </Card>
  );
}
