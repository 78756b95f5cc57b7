import { eq } from "drizzle-orm";
import { GoogleError } from "@/providers/google/errors";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asService, asUser } from "@/server/db/access";
import { organisationCalendarConnections } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { log } from "@/server/log";
import { googleServices } from "./google-services";
import { openCalendarSecret } from "./token-box";

export type RevocationOutcome = "revoked" | "already_invalid" | "not_attempted" | "failed";

/**
 * Disconnects the clinic's calendar: deletes the connection with its tokens, as the signed-in
 * admin (RLS decides), then revokes the grant at Google (best effort: a Google outage must not
 * keep tokens here; the outcome is reported). Appointments stay; their pending Google changes wait for a new connection.
 */
export async function disconnectCalendar(actor: Actor): Promise<{ revoked_at_google: RevocationOutcome }> {
  const { organisationId } = actor;
  const [stored] = await asService((tx) =>
    tx
      .select({
        refresh: organisationCalendarConnections.refreshTokenCiphertext,
        access: organisationCalendarConnections.accessTokenCiphertext,
      })
      .from(organisationCalendarConnections)
      .where(eq(organisationCalendarConnections.organisationId, organisationId)),
  );
  if (!stored) throw new DomainError("not_found", "This clinic has no Google Calendar connection.");

  const deleted = await asUser(actor, async (tx) => {
    const rows = await tx
      .delete(organisationCalendarConnections)
      .where(eq(organisationCalendarConnections.organisationId, organisationId))
      .returning({ id: organisationCalendarConnections.id });
    if (rows[0]) await recordAudit(tx, { action: "calendar.disconnected", objectType: "calendar_connection", objectId: rows[0].id });
    return rows;
  });
  if (deleted.length === 0) throw new DomainError("forbidden", "Only an admin or owner can disconnect the calendar.");
  return { revoked_at_google: await revoke(organisationId, stored.refresh ?? stored.access) };
}

async function revoke(organisationId: string, ciphertext: string | null): Promise<RevocationOutcome> {
  const google = googleServices();
  if (!google || !ciphertext) return "not_attempted";
  try {
    return await google.oauth.revokeToken(openCalendarSecret(ciphertext, organisationId));
  } catch (error) {
    log.warn({ organisationId, kind: error instanceof GoogleError ? error.kind : "unknown" }, "calendar: revoke at Google failed");
    return "failed";
  }
}
