"use client";

import { useTranslations } from "next-intl";
import { createContext, type ReactNode, useContext, useSyncExternalStore } from "react";
import { zoneName } from "./zone-name";

/**
 * The clinic's time zone for the dashboard's client components. Every time a clinic's staff
 * read (calls, appointments, hours, analytics) is shown in it, so a manager travelling abroad,
 * or a colleague in another zone, sees the clinic's day; when the browser is elsewhere the zone
 * is named beside the times.
 */
const ClinicTimeZone = createContext<string>("UTC");

export function ClinicTimeProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  return <ClinicTimeZone.Provider value={timeZone}>{children}</ClinicTimeZone.Provider>;
}

export function useClinicTimeZone(): string {
  return useContext(ClinicTimeZone);
}

const noSubscription = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The browser's zone; null while rendering on the server (and in the first client render, which must match it). */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(noSubscription, browserZone, () => null);
}

/** The clinic's zone when it differs from the browser's, null otherwise (or not yet known). */
export function useDifferentClinicZone(): string | null {
  const clinic = useClinicTimeZone();
  const browser = useBrowserTimeZone();
  return browser !== null && browser !== clinic ? clinic : null;
}

/** "(Europe/London)" after a time when the browser is in another zone; nothing otherwise. */
export function ZoneSuffix({ timeZone }: { timeZone?: string }) {
  const clinic = useClinicTimeZone();
  const differs = useDifferentClinicZone();
  if (!differs) return null;
  return <span className="text-slate-500"> ({zoneName(timeZone ?? clinic)})</span>;
}

/** A line naming the clinic's zone, shown only when the browser's differs. */
export function ClinicZoneNote({ className }: { className?: string }) {
  const t = useTranslations();
  const differs = useDifferentClinicZone();
  if (!differs) return null;
  return (
    <p className={className ?? "text-xs text-slate-500"} data-testid="clinic-zone-note">
      {t("time.zoneNote", { zone: zoneName(differs) })}
    </p>
  );
}
