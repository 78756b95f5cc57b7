import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { assistantSettings, organisationCalendarConnections, organisations } from "@/server/db/schema";
import { loadOpeningHours } from "@/server/working-hours/load-opening-hours";
import type { OpeningHours } from "@/server/working-hours/opening-hours";

interface BookingRules {
  bufferMinutes: number;
  minNoticeMinutes: number;
  defaultDurationMinutes: number;
}

/** Everything slot search and booking read about a clinic, in one transaction of the caller's scope. */
export interface BookingContext {
  organisationId: string;
  hours: OpeningHours;
  rules: BookingRules;
  /** The connected calendar, or null when none is connected (booking then refuses). */
  calendarId: string | null;
  /** The assistant's language setting: what the booking tools answer in. */
  language: "en" | "ru" | "auto";
}

export async function loadBookingContext(tx: Db, organisationId: string): Promise<BookingContext> {
  const [organisation] = await tx
    .select({
      bufferMinutes: organisations.bookingBufferMinutes,
      minNoticeMinutes: organisations.bookingMinNoticeMinutes,
      defaultDurationMinutes: organisations.bookingDefaultDurationMinutes,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const [connection] = await tx
    .select({ status: organisationCalendarConnections.status, calendarId: organisationCalendarConnections.calendarId })
    .from(organisationCalendarConnections)
    .where(eq(organisationCalendarConnections.organisationId, organisationId));
  const [settings] = await tx
    .select({ language: assistantSettings.defaultLanguage })
    .from(assistantSettings)
    .where(eq(assistantSettings.organisationId, organisationId));
  return {
    organisationId,
    hours: await loadOpeningHours(tx, organisationId),
    rules: organisation ?? { bufferMinutes: 0, minNoticeMinutes: 60, defaultDurationMinutes: 30 },
    calendarId: connection?.status === "connected" ? connection.calendarId : null,
    language: settings?.language ?? "auto",
  };
}
