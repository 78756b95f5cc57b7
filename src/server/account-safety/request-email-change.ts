import { eq } from "drizzle-orm";
import { admitAttempt } from "@/server/auth/login-throttle";
import { verifyPassword } from "@/server/auth/passwords";
import { asAuth, asAuthStatement } from "@/server/db/access";
import { users } from "@/server/db/schema";
import { queueEmail } from "@/server/email/queue-email";
import { DomainError } from "@/server/errors";
import { throttleKeyOfAddress } from "@/server/http/client-address";
import { forgotPasswordLink } from "./account-links";
import { throwIfRefused } from "./account-throttle";
import { sendVerificationLink } from "./email-verification";
import { languageOfUser } from "./recipient-language";

const TAKEN = "Another account uses this address.";

/**
 * Changing one's address (current password required): a confirmation link goes to the new
 * address, which takes effect only when it is followed (confirm-email.ts); a notice goes to the
 * old one. The link comes back only when email is off.
 */
export async function requestEmailChange(
  current: { userId: string; email: string },
  input: { new_email: string; password: string },
  clientAddress: string,
  now: Date = new Date(),
): Promise<{ pending_email: string; link: string | null }> {
  if (input.new_email === current.email) {
    throw new DomainError("invalid_input", "That is already your address.", {
      fields: [{ path: "new_email", message: "is your current address" }],
    });
  }
  const address = throttleKeyOfAddress(clientAddress);
  throwIfRefused(await asAuthStatement((db) => admitAttempt(db, address, current.email, now)), "password attempts");
  const [row] = await asAuth((tx) => tx.select({ hash: users.encryptedPassword }).from(users).where(eq(users.id, current.userId)));
  if (!(await verifyPassword(row?.hash, input.password))) {
    throw new DomainError("invalid_input", "Your password is not right.", { fields: [{ path: "password", message: "is not right" }] });
  }
  return asAuth(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.new_email));
    if (taken) throw new DomainError("conflict", TAKEN, { fields: [{ path: "new_email", message: TAKEN }] });
    const { link } = await sendVerificationLink(tx, { userId: current.userId, email: input.new_email, change: true, now });
    await queueEmail(tx, {
      to: current.email,
      template: "account.email-change-notice",
      language: await languageOfUser(tx, current.userId),
      data: { newEmail: input.new_email, url: forgotPasswordLink() },
      key: `email-change:${current.userId}:${now.getTime()}`,
    });
    return { pending_email: input.new_email, link };
  });
}
