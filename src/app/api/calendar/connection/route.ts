import { disconnectCalendar } from "@/server/calendar/disconnect-calendar";
import { getCalendarConnection } from "@/server/calendar/get-calendar-connection";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ actor }) => json(await getCalendarConnection(actor)));

/** Deletes the tokens and revokes the grant at Google. */
export const DELETE = withOrg(async ({ actor }) => json(await disconnectCalendar(actor)), { role: "admin" });
