import { eq } from "drizzle-orm";
import { type Actor, type ServiceActor, transactionFor } from "@/server/db/access";
import { organisations } from "@/server/db/schema";
import { formatZonedIso } from "@/server/working-hours/zoned-time";
import { clipInterval, type Interval } from "./intervals";
import { type GoogleBusyStatus, queryBusyTime } from "./query-busy-time";

export interface FreeBusyJson {
  time_min: string;
  time_max: string;
  timezone: string;
  /** Merged busy intervals clipped to the range, in the clinic's local time with offset. */
  busy: { start: string; end: string }[];
  /** "ok": Google's busy time is included; otherwise only the clinic's own appointments are. */
  google: GoogleBusyStatus;
}

/** The seed's GET /api/calendar/freebusy: Google's freeBusy merged with the clinic's live appointments. */
export async function getFreeBusy(actor: Actor | ServiceActor, range: Interval, now: Date): Promise<FreeBusyJson> {
  const { organisationId } = actor;
  const [organisation] = await transactionFor(actor, (tx) =>
    tx.select({ timezone: organisations.timezone }).from(organisations).where(eq(organisations.id, organisationId)),
  );
  const timezone = organisation?.timezone ?? "UTC";
  const busy = await queryBusyTime(actor, range, now);
  const local = (date: Date) => formatZonedIso(date, timezone);
  return {
    time_min: local(range.start),
    time_max: local(range.end),
    timezone,
    busy: busy.intervals
      .map((interval) => clipInterval(interval, range))
      .filter((interval) => interval.end > interval.start)
      .map((interval) => ({ start: local(interval.start), end: local(interval.end) })),
    google: busy.google,
  };
}
