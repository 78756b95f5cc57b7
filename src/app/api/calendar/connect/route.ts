import { NextResponse } from "next/server";
import { googleServices } from "@/server/calendar/google-services";
import { startCalendarConnection } from "@/server/calendar/start-calendar-connection";
import { getConfig } from "@/server/config";
import { withOrg } from "@/server/http/handler";

/** Admins start connecting the clinic's Google Calendar: a 302 to Google's consent screen. */
export const GET = withOrg(
  async ({ actor }) => {
    if (!googleServices()) {
      return NextResponse.redirect(`${getConfig().publicBaseUrl}/dashboard/calendar?error=not_configured`, 302);
    }
    return NextResponse.redirect(await startCalendarConnection(actor), 302);
  },
  { role: "admin" },
);
