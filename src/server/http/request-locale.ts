import "server-only";
import { LOCALE_COOKIE } from "@/i18n/locale-cookie";
import { isLocale, type Locale, negotiateLocale } from "@/i18n/locales";
import type { UserContext } from "./handler";

/**
 * The language an API answer's words are in, chosen as a page's are (src/i18n/request.ts): the
 * person's choice, then the one last chosen in this browser, then the browser's languages.
 */
export function requestLocale({ req, user }: Pick<UserContext, "req" | "user">): Locale {
  if (user.language) return user.language;
  const chosen = req.cookies.get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale(req.headers.get("accept-language"));
}
