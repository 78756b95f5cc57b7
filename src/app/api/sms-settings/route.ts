import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { getSmsSettings, SmsSettingsInput, updateSmsSettings } from "@/server/sms/sms-settings";

export const GET = withOrg(async ({ actor }) => json(await getSmsSettings(actor)));

export const PUT = withOrg(
  async ({ req, actor }) => json(await updateSmsSettings(actor, SmsSettingsInput.parse(await readJson(req)), new Date())),
  { role: "admin" },
);
