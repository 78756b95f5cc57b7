import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import {
  getStaffNotificationSettings,
  StaffNotificationSettingsInput,
  saveStaffNotificationSettings,
} from "@/server/notifications/staff-notification-settings";

export const GET = withOrg(async ({ actor }) => json(await getStaffNotificationSettings(actor)));

export const PUT = withOrg(
  async ({ req, actor }) => {
    const input = StaffNotificationSettingsInput.parse(await readJson(req));
    return json(await saveStaffNotificationSettings(actor, input));
  },
  { role: "admin" },
);
