import { eq } from "drizzle-orm";
import { createPkcePair } from "@/providers/google/oauth";
import { requireVerifiedEmail } from "@/server/account-safety/require-verified-email";
import { type Actor, asService } from "@/server/db/access";
import { oauthStates, users } from "@/server/db/schema";
import { calendarRedirectUri, requireGoogleServices } from "./google-services";
import { hashOAuthState, newOAuthState, OAUTH_STATE_LIFETIME_MS } from "./oauth-state";
import { sealCalendarSecret } from "./token-box";

/**
 * The first half of connecting a clinic's Google Calendar (the caller has checked the person is
 * an admin or owner): a random single-use state bound server-side to the person and the clinic,
 * with a PKCE verifier, and the Google consent URL to send the browser to.
 */
export async function startCalendarConnection(actor: Actor, now = new Date()): Promise<string> {
  const { organisationId, userId } = actor;
  await requireVerifiedEmail(userId, "connect a calendar");
  const google = requireGoogleServices();
  const state = newOAuthState();
  const { codeVerifier, codeChallenge } = createPkcePair();
  const redirectUri = calendarRedirectUri();
  const loginHint = await asService(async (tx) => {
    const [person] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    await tx.insert(oauthStates).values({
      stateHash: hashOAuthState(state),
      organisationId,
      userId,
      codeVerifierCiphertext: sealCalendarSecret(codeVerifier, organisationId),
      redirectUri,
      expiresAt: new Date(now.getTime() + OAUTH_STATE_LIFETIME_MS),
    });
    return person?.email ?? undefined;
  });
  // Google preselects the person's own account (Clinicall's sign-in address); they may pick another.
  return google.oauth.buildAuthorizationUrl({ state, codeChallenge, redirectUri, loginHint });
}
