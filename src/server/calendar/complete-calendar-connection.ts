import { and, eq, isNull } from "drizzle-orm";
import { GoogleError } from "@/providers/google/errors";
import { type GoogleTokenGrant, missingCalendarScopes } from "@/providers/google/oauth";
import { recordAudit } from "@/server/audit/record-audit";
import { asService } from "@/server/db/access";
import { oauthStates, organisationMembers } from "@/server/db/schema";
import { log } from "@/server/log";
import type { ConnectionError } from "@/shared/calendar-connection-errors";
import { googleServices } from "./google-services";
import { hashOAuthState } from "./oauth-state";
import { storeCalendarConnection } from "./store-calendar-connection";
import { openCalendarSecret } from "./token-box";

export type ConnectionOutcome = { ok: true; email: string } | { ok: false; error: ConnectionError };

export interface CallbackInput {
  state: string | null;
  code: string | null;
  /** Google's `error` parameter, e.g. access_denied when the person clicked Cancel. */
  error: string | null;
  /** The signed-in person at the callback, or null. */
  userId: string | null;
}

/**
 * The second half of connecting: Google sent the browser back. The state is taken once
 * (atomically, whatever happens next), must be unexpired, must belong to the same signed-in
 * person, who must still be an admin or owner of the organisation it names; then the code is
 * exchanged with the PKCE verifier and the tokens are stored encrypted.
 */
export async function completeCalendarConnection(input: CallbackInput, now = new Date()): Promise<ConnectionOutcome> {
  const google = googleServices();
  if (!google) return { ok: false, error: "not_configured" };
  if (!input.state) return { ok: false, error: "invalid_state" };
  // Nobody signed in: leave the state alone, so signing in and retrying the link can still work.
  if (!input.userId) return { ok: false, error: "signed_out" };
  const userId = input.userId;

  const taken = await takeState(hashOAuthState(input.state), now);
  if ("error" in taken) return { ok: false, error: taken.error };
  const state = taken.row;
  if (state.expiresAt <= now) return { ok: false, error: "expired" };
  if (state.userId !== userId) return { ok: false, error: "wrong_account" };
  if (!(await isAdmin(state.organisationId, userId))) return { ok: false, error: "forbidden" };
  if (input.error) return { ok: false, error: input.error === "access_denied" ? "consent_denied" : "exchange_failed" };
  if (!input.code) return { ok: false, error: "exchange_failed" };

  let codeVerifier: string;
  try {
    codeVerifier = openCalendarSecret(state.codeVerifierCiphertext, state.organisationId);
  } catch {
    return { ok: false, error: "invalid_state" };
  }

  let grant: GoogleTokenGrant;
  try {
    grant = await google.oauth.exchangeCode({ code: input.code, codeVerifier, redirectUri: state.redirectUri });
  } catch (error) {
    const kind = error instanceof GoogleError ? error.kind : "unknown";
    log.warn({ organisationId: state.organisationId, kind }, "calendar: code exchange failed");
    return { ok: false, error: kind === "unavailable" || kind === "rate_limited" ? "google_unavailable" : "exchange_failed" };
  }
  if (missingCalendarScopes(grant.scope).length > 0) {
    await google.oauth.revokeToken(grant.refreshToken).catch(() => undefined);
    return { ok: false, error: "missing_scopes" };
  }
  await asService(async (tx) => {
    await storeCalendarConnection(tx, { organisationId: state.organisationId, userId, grant, now });
    await recordAudit(tx, {
      action: "calendar.connected",
      objectType: "calendar_connection",
      organisationId: state.organisationId,
      userId,
      details: { google_account: grant.email },
    });
  });
  return { ok: true, email: grant.email };
}

type TakenState = { row: typeof oauthStates.$inferSelect } | { error: "invalid_state" | "already_used" };

/** Marks the state used and returns it, in one statement: two callbacks racing get it once. */
async function takeState(stateHash: string, now: Date): Promise<TakenState> {
  return asService(async (tx) => {
    const [row] = await tx
      .update(oauthStates)
      .set({ usedAt: now })
      .where(and(eq(oauthStates.stateHash, stateHash), isNull(oauthStates.usedAt)))
      .returning();
    if (row) return { row };
    const [used] = await tx.select({ id: oauthStates.id }).from(oauthStates).where(eq(oauthStates.stateHash, stateHash));
    return { error: used ? "already_used" : "invalid_state" };
  });
}

async function isAdmin(organisationId: string, userId: string): Promise<boolean> {
  const [membership] = await asService((tx) =>
    tx
      .select({ role: organisationMembers.role })
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId))),
  );
  return membership?.role === "owner" || membership?.role === "admin";
}
