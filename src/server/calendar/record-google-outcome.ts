import { eq } from "drizzle-orm";
import type { GoogleError } from "@/providers/google/errors";
import { asService } from "@/server/db/access";
import { organisationCalendarConnections } from "@/server/db/schema";

/** A success is written at most this often, unless it ends a run of failures. */
const SUCCESS_WRITE_INTERVAL_MS = 60_000;

type Outcome = { ok: true; previous: { lastSuccessAt: Date | null; lastFailureAt: Date | null } } | { ok: false; error: GoogleError };

/** The connection's health for the dashboard: when Google last worked, and the last failure. */
export async function recordGoogleOutcome(organisationId: string, now: Date, outcome: Outcome): Promise<void> {
  if (outcome.ok) {
    const { lastSuccessAt, lastFailureAt } = outcome.previous;
    const recoveringFromFailure = lastFailureAt !== null && (lastSuccessAt === null || lastFailureAt > lastSuccessAt);
    const stale = lastSuccessAt === null || now.getTime() - lastSuccessAt.getTime() >= SUCCESS_WRITE_INTERVAL_MS;
    if (!recoveringFromFailure && !stale) return;
    await asService((tx) =>
      tx
        .update(organisationCalendarConnections)
        .set({ lastSuccessAt: now })
        .where(eq(organisationCalendarConnections.organisationId, organisationId)),
    );
    return;
  }
  await asService((tx) =>
    tx
      .update(organisationCalendarConnections)
      .set({ lastFailureAt: now, lastFailureReason: describeGoogleFailure(outcome.error) })
      .where(eq(organisationCalendarConnections.organisationId, organisationId)),
  );
}

/** One sentence for the dashboard; never the raw HTTP error (it may carry tokens). */
export function describeGoogleFailure(error: GoogleError): string {
  switch (error.kind) {
    case "unavailable":
      return error.reason === "timeout" ? "Google Calendar did not answer in time." : "Google Calendar was unavailable.";
    case "rate_limited":
      return "Google Calendar asked us to slow down (rate limit).";
    case "unauthorized":
      return "Google Calendar refused the access token.";
    case "invalid_grant":
      return "Google no longer accepts this connection.";
    default:
      return `Google Calendar refused the request${error.reason ? ` (${error.reason})` : ""}.`;
  }
}
