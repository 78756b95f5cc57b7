import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getPageSession } from "@/server/auth/page-session";
import { LOCALE_COOKIE } from "./locale-cookie";
import { isLocale, type Locale, negotiateLocale } from "./locales";
import { messagesFor } from "./messages";

/**
 * The language of one request (next-intl's request configuration, wired in next.config.ts).
 * URLs carry no locale: the signed-in person's choice (profiles.language) wins, then the
 * language last chosen in this browser (cookie, set with the choice), then the browser's
 * Accept-Language, then English.
 */
export async function requestLocale(): Promise<Locale> {
  const session = await getPageSession();
  if (session?.user.language) return session.user.language;
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: messagesFor(locale) };
});
