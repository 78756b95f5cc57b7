import { readJson, withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { AcceptInvitationInput } from "@/server/organisations/schemas";

export const POST = withUser(async ({ req, current }) => {
  const input = AcceptInvitationInput.parse(await readJson(req));
  return json(await acceptInvitation(current, input.token));
});
