import { getBookingSettings, updateBookingSettings } from "@/server/calendar/booking-settings";
import { BookingSettingsInput } from "@/server/calendar/schemas";
import { asUser } from "@/server/db";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ user, org }) => json(await asUser({ userId: user.id, organisationId: org.id }, (tx) => getBookingSettings(tx, org.id))));

export const PATCH = withOrg(
  async ({ req, user, org }) => {
    const input = BookingSettingsInput.parse(await readJson(req));
    return json(await asUser({ userId: user.id, organisationId: org.id }, (tx) => updateBookingSettings(tx, org.id, input)));
  },
  { role: "admin" },
);
