import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import type { Locale } from "./locales";

/**
 * The catalogues, one per language, with the same keys (tests/i18n/catalogue.test.ts). English
 * is the source: its shape types every key (src/i18n/app-config.d.ts).
 */
export const catalogues: Record<Locale, typeof en> = { en, ru };

export function messagesFor(locale: Locale): typeof en {
  return catalogues[locale];
}
