import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { getPrivacySettings, PrivacySettingsInput, updatePrivacySettings } from "@/server/privacy/privacy-settings";

export const GET = withOrg(async ({ actor }) => json(await getPrivacySettings(actor)), { role: "owner" });

export const PUT = withOrg(
  async ({ req, actor }) => json(await updatePrivacySettings(actor, PrivacySettingsInput.parse(await readJson(req)))),
  { role: "owner" },
);
