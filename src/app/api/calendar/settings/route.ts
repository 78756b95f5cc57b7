import { getBookingSettings, updateBookingSettings } from "@/server/calendar/booking-settings";
import { BookingSettingsInput } from "@/server/calendar/schemas";
import { asUser } from "@/server/db/access";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ org, actor }) => json(await asUser(actor, (tx) => getBookingSettings(tx, org.id))));

export const PATCH = withOrg(
  async ({ req, org, actor }) => {
    const input = BookingSettingsInput.parse(await readJson(req));
    return json(await asUser(actor, (tx) => updateBookingSettings(tx, org.id, input)));
  },
  { role: "admin" },
);
