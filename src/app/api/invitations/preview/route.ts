import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { previewInvitation } from "@/server/invitations/accept-invitation";
import { AcceptInvitationInput } from "@/server/organisations/schemas";

/** POST (not GET) so the token never lands in an access log's URL. */
export const POST = withPublic(async ({ req }) => {
  const input = AcceptInvitationInput.parse(await readJson(req));
  return json(await previewInvitation(input.token));
});
