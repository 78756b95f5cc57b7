import { getBookingSettings, updateBookingSettings } from "@/server/calendar/booking-settings";
import { BookingSettingsInput } from "@/server/calendar/schemas";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ actor }) => json(await getBookingSettings(actor)));

export const PATCH = withOrg(
  async ({ req, actor }) => {
    const input = BookingSettingsInput.parse(await readJson(req));
    return json(await updateBookingSettings(actor, input));
  },
  { role: "admin" },
);
