import { disconnectCalendar } from "@/server/calendar/disconnect-calendar";
import { getCalendarConnection } from "@/server/calendar/get-calendar-connection";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ user, org }) => json(await getCalendarConnection(user.id, org.id)));

/** Deletes the tokens and revokes the grant at Google. */
export const DELETE = withOrg(async ({ user, org }) => json(await disconnectCalendar(org.id, user.id)), { role: "admin" });
