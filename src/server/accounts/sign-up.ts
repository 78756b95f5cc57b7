import { eq } from "drizzle-orm";
import { hashPassword } from "@/server/auth/passwords";
import { createSession } from "@/server/auth/sessions";
import { asAuth } from "@/server/db/access";
import { pgErrorOf } from "@/server/db/postgres-error";
import { profiles, users } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { consumeInvitation } from "@/server/invitations/accept-invitation";
import { createOrganisationWithOwner } from "@/server/organisations/create-organisation";
import type { SignUpInput } from "./schemas";

const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

/**
 * One transaction: the user, their profile, then either a new organisation (owner membership,
 * default settings and hours) or the invited organisation's membership, and a session.
 * Returns the session token. A bad invitation rolls everything back: no account is left behind.
 */
export async function signUp(input: SignUpInput) {
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
      const token = await createSession(tx, user.id, organisation.id);
      return { user: { id: user.id, email: input.email }, organisation, token };
    });
  } catch (error) {
    if (pgErrorOf(error)?.code === "23505") {
      throw new DomainError("conflict", EMAIL_TAKEN, { fields: [{ path: "email", message: EMAIL_TAKEN }] });
    }
    throw error;
  }
}
