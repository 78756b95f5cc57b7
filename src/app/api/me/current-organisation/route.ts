import { readJson, withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { SwitchOrganisationInput } from "@/server/organisations/schemas";
import { switchOrganisation } from "@/server/organisations/switch-organisation";

export const PUT = withUser(async ({ req, current }) => {
  const input = SwitchOrganisationInput.parse(await readJson(req));
  const organisation = await switchOrganisation(current, input.organisation_id);
  return json({ current_organisation_id: organisation.id, organisation });
});
