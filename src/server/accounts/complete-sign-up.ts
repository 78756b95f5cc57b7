import type { CurrentUser } from "@/server/auth/current-user";
import { setSessionOrganisation } from "@/server/auth/sessions";
import { asAuth } from "@/server/db/access";
import { DomainError } from "@/server/errors";
import { createOrganisationWithOwner } from "@/server/organisations/create-organisation";

/** The seed's complete-signup: a signed-in person creates a clinic and becomes its owner. */
export async function completeSignUp(current: CurrentUser, name: string, additional: boolean, browserZone?: string) {
  if (current.organisations.length > 0 && !additional) {
    throw new DomainError(
      "conflict",
      `You already belong to ${current.organisations[0]!.name}. To create another clinic, ask for an additional one.`,
    );
  }
  return asAuth(async (tx) => {
    const organisation = await createOrganisationWithOwner(tx, current.user.id, name, browserZone);
    await setSessionOrganisation(tx, current.session.id, organisation.id);
    return organisation;
  });
}
