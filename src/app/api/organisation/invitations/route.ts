import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { createInvitation } from "@/server/invitations/create-invitation";
import { listInvitations } from "@/server/invitations/list-invitations";
import { CreateInvitationInput } from "@/server/organisations/schemas";

export const GET = withOrg(async ({ actor }) => json(await listInvitations(actor)), { role: "admin" });

export const POST = withOrg(
  async ({ req, actor }) => {
    const input = CreateInvitationInput.parse(await readJson(req));
    return json(await createInvitation(actor, input.email, input.role), 201);
  },
  { role: "admin" },
);
