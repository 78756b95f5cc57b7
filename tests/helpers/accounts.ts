import { randomBytes } from "node:crypto";
import * as signupRoute from "@/app/api/auth/signup/route";
import * as acceptRoute from "@/app/api/invitations/accept/route";
import * as invitationsRoute from "@/app/api/organisation/invitations/route";
import { ApiClient } from "./api";

export const PASSWORD = "correct horse battery";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@clinic.test`;
}

/** Signs up through the API: a signed-in owner of a new clinic. */
export async function signUpOwner(clinic = "Harbour Dental") {
  const client = new ApiClient();
  const email = uniqueEmail("owner");
  const res = await client.post(signupRoute.POST, "/api/auth/signup", { email, password: PASSWORD, organisation_name: clinic });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, email, userId: res.body.user.id as string, organisationId: res.body.organisation.id as string };
}

/** Invites a new person with `role` into the owner's clinic and has them accept: a signed-in member. */
export async function addTeammate(owner: ApiClient, role: "owner" | "admin" | "member") {
  const email = uniqueEmail(role);
  const invite = await owner.post(invitationsRoute.POST, "/api/organisation/invitations", { email, role });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const token = new URL(invite.body.accept_url).searchParams.get("token")!;
  const client = new ApiClient();
  const signup = await client.post(signupRoute.POST, "/api/auth/signup", {
    email,
    password: PASSWORD,
    organisation_name: `${role} own clinic`,
  });
  if (signup.status !== 201) throw new Error(`teammate sign-up failed: ${signup.status}`);
  const accepted = await client.post(acceptRoute.POST, "/api/invitations/accept", { token });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { client, email, userId: signup.body.user.id as string, ownOrganisationId: signup.body.organisation.id as string };
}
