import { NextResponse } from "next/server";
import { getCurrentUserAndOrg } from "@/server/auth/current-user";
import { completeCalendarConnection } from "@/server/calendar/complete-calendar-connection";
import { getConfig } from "@/server/config";
import { withPublic } from "@/server/http/handler";

/**
 * Google sends the browser back here after consent. Always a redirect to the Calendar page,
 * with `connected=1` or a readable `error` code (the page explains it).
 */
export const GET = withPublic(async ({ req, sessionToken }) => {
  const params = new URL(req.url).searchParams;
  const current = await getCurrentUserAndOrg(sessionToken);
  const outcome = await completeCalendarConnection({
    state: params.get("state"),
    code: params.get("code"),
    error: params.get("error"),
    userId: current?.user.id ?? null,
  });
  const page = new URL("/dashboard/calendar", getConfig().publicBaseUrl);
  if (outcome.ok) page.searchParams.set("connected", "1");
  else page.searchParams.set("error", outcome.error);
  return NextResponse.redirect(page, 302);
});
