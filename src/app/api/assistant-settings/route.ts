import { getAssistantSettings } from "@/server/assistant-settings/get-assistant-settings";
import { saveAssistantSettings } from "@/server/assistant-settings/save-assistant-settings";
import { AssistantSettingsInput } from "@/server/assistant-settings/schemas";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ user, org }) => json(await getAssistantSettings(user.id, org.id)));

export const PUT = withOrg(
  async ({ req, user, org }) => {
    const input = AssistantSettingsInput.parse(await readJson(req));
    return json(await saveAssistantSettings(user.id, org.id, input));
  },
  { role: "admin" },
);
