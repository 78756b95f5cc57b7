import { getAssistantSettings } from "@/server/assistant-settings/get-assistant-settings";
import { saveAssistantSettings } from "@/server/assistant-settings/save-assistant-settings";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { AssistantSettingsInput } from "@/shared/schemas/assistant-settings";

export const GET = withOrg(async ({ actor }) => json(await getAssistantSettings(actor)));

export const PUT = withOrg(
  async ({ req, actor }) => {
    const input = AssistantSettingsInput.parse(await readJson(req));
    return json(await saveAssistantSettings(actor, input));
  },
  { role: "admin" },
);
