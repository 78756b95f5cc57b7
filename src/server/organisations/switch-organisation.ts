import type { CurrentUser } from "@/server/auth/current-user";
import { setSessionOrganisation } from "@/server/auth/sessions";
import { asAuth } from "@/server/db/access";
import { DomainError } from "@/server/errors";

/** Makes another of the person's clinics current for this session. Not a member → 404. */
export async function switchOrganisation(current: CurrentUser, organisationId: string) {
  const membership = current.organisations.find((m) => m.id === organisationId);
  if (!membership) throw new DomainError("not_found", "You are not a member of that clinic.");
  await asAuth((tx) => setSessionOrganisation(tx, current.session.id, organisationId));
  return membership;
}
