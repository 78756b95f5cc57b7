import { asAuth } from "@/server/db/access";
import { lockAccountToken } from "./account-links";

/**
 * Whether a reset link can still be used, without using it: the Reset password page asks before
 * showing its form, so a person with a used or expired link is told so before typing a password.
 * The same refusals as the confirmation (link_invalid 404, link_used / link_expired 410); tokens
 * are 256-bit, so answering "not valid" teaches a guesser nothing.
 */
export async function checkPasswordResetLink(token: string, now: Date = new Date()): Promise<void> {
  await asAuth((tx) => lockAccountToken(tx, token, "password_reset", now));
}
