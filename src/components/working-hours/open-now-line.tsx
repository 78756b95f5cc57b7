"use client";

import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { OpeningStatus } from "./hours-types";

/** "Open now · closes at 17:00" / "Closed now · opens Mon 09:00", in the clinic's timezone. */
export function OpenNowLine({ status }: { status: OpeningStatus | null }) {
  const t = useTranslations();
  const locale = useLocale();
  if (!status) return <p className="text-sm text-slate-500">{t("hours.checking")}</p>;
  const at = (iso: string, withDay: boolean) =>
    new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
      timeZone: status.timezone,
      ...(withDay && { weekday: "short", day: "numeric", month: "short" }),
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(iso));
  const clinicNow = at(status.local_time, true);
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600" data-testid="open-now">
      {status.open ? (
        <Badge tone="success" dot>
          {t("hours.openNow")}
        </Badge>
      ) : (
        <Badge tone="neutral" dot>
          {t("hours.closedNow")}
        </Badge>
      )}
      <span>
        {status.open
          ? status.closes_at
            ? t("hours.closesAtTime", { time: at(status.closes_at, !sameLocalDay(status.closes_at, status.local_time)) })
            : t("hours.aroundClock")
          : status.opens_at_next
            ? t("hours.opensTime", { time: at(status.opens_at_next, true) })
            : t("hours.noHours")}
      </span>
      <span className="text-slate-500">{t("hours.clinicTime", { time: clinicNow, zone: status.timezone })}</span>
    </p>
  );
}

/** Both local ISO strings ("2026-03-08T09:00:00-04:00") fall on the same local date. */
function sameLocalDay(a: string, b: string): boolean {
  return a.slice(0, 10) === b.slice(0, 10);
}
