import { NextResponse } from "next/server";
import { logOut } from "@/server/accounts/log-out";
import { clearSessionCookie } from "@/server/auth/cookies";
import { withPublic } from "@/server/http/handler";

export const POST = withPublic(async ({ sessionToken }) => {
  await logOut(sessionToken);
  return clearSessionCookie(new NextResponse(null, { status: 204 }));
});
