import "server-only";
import type { NextResponse } from "next/server";
import { getConfig } from "@/server/config";
import { SESSION_IDLE_DAYS } from "./sessions";

export const SESSION_COOKIE = "clinicall_session";

export function setSessionCookie(response: NextResponse, token: string): NextResponse {
  response.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: getConfig().publicBaseUrl.startsWith("https://"),
    path: "/",
    maxAge: SESSION_IDLE_DAYS * 24 * 60 * 60,
  });
  return response;
}

export function clearSessionCookie(response: NextResponse): NextResponse {
  response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
  return response;
}
