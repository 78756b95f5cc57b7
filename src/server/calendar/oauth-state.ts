import { createHash, randomBytes } from "node:crypto";

/** How long a "Connect Google Calendar" click stays usable. */
export const OAUTH_STATE_LIFETIME_MS = 10 * 60_000;

/** 32 random bytes, base64url: the `state` sent to Google (RFC 6749 §10.10 asks for ≥128 bits). */
export function newOAuthState(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this is stored: a leaked table row cannot be replayed as a state. */
export function hashOAuthState(state: string): string {
  return createHash("sha256").update(state, "utf8").digest("hex");
}
