import { eq } from "drizzle-orm";
import { sendVerificationLink } from "@/server/account-safety/email-verification";
import type { SessionClient } from "@/server/account-safety/session-client";
import { hashPassword } from "@/server/auth/passwords";
import { createSession } from "@/server/auth/sessions";
import type { Db } from "@/server/db/access";
import { asAuth } from "@/server/db/access";
import { pgErrorOf } from "@/server/db/postgres-error";
import { accountSecurity, profiles, users } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { consumeInvitation } from "@/server/invitations/accept-invitation";
import { createOrganisationWithOwner } from "@/server/organisations/create-organisation";
import type { SignUpInput } from "./schemas";

async function markVerified(tx: Db, userId: string): Promise<{ link: null }> {
  await tx.insert(accountSecurity).values({ userId, emailVerifiedAt: new Date() }).onConflictDoNothing();
  return { link: null };
}

const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

/**
 * One transaction: the user, their profile, then either a new organisation (owner membership,
 * default settings and hours) or the invited organisation's membership, and a session.
 * Returns the session token. A bad invitation rolls everything back: no account is left behind.
 */
export async function signUp(input: SignUpInput, client: SessionClient = { userAgent: undefined, ipAddress: undefined }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await asAuth(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
      if (existing) throw new DomainError("conflict", EMAIL_TAKEN, { fields: [{ path: "email", message: EMAIL_TAKEN }] });
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, encryptedPassword: passwordHash })
        .returning({ id: users.id, email: users.email });
      if (!user) throw new Error("user insert returned nothing");
      await tx.insert(profiles).values({ id: user.id, clinicName: input.organisation_name ?? null });
      const organisation = input.invitation_token
        ? await consumeInvitation(tx, input.invitation_token, { id: user.id, email: input.email })
        : await createOrganisationWithOwner(tx, user.id, input.organisation_name!, input.timezone);
      const token = await createSession(tx, user.id, organisation.id, client);
      // The confirmation link (decision 015): until it is followed, no inviting or calendar.
      // Joining through an invitation: the inviter named this address, and the link reached it.
      const verification = input.invitation_token
        ? await markVerified(tx, user.id)
        : await sendVerificationLink(tx, { userId: user.id, email: input.email, change: false, now: new Date() });
      return { user: { id: user.id, email: input.email }, organisation, token, verificationLink: verification.link };
    });
  } catch (error) {
    if (pgErrorOf(error)?.code === "23505") {
      throw new DomainError("conflict", EMAIL_TAKEN, { fields: [{ path: "email", message: EMAIL_TAKEN }] });
    }
    throw error;
  }
}
