import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { getOrganisation } from "@/server/organisations/get-organisation";
import { UpdateOrganisationInput } from "@/server/organisations/schemas";
import { updateOrganisation } from "@/server/organisations/update-organisation";

export const GET = withOrg(async ({ actor }) => json(await getOrganisation(actor)));

export const PATCH = withOrg(
  async ({ req, actor }) => {
    const input = UpdateOrganisationInput.parse(await readJson(req));
    return json(await updateOrganisation(actor, input));
  },
  { role: "admin" },
);
