import "server-only";
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/i18n/locales";
import { catalogues } from "@/i18n/messages";
import type { Translate } from "@/shared/ended-reasons";

const translators = new Map<Locale, Translate>();

/**
 * The catalogue in one language for server code that writes words a person reads (the call
 * detail's explanations and transcript events, the CSV export, analytics labels). Pages use
 * next-intl's `t`; both read the same messages/*.json.
 */
export function translatorFor(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    const t = createTranslator({ locale, messages: catalogues[locale] });
    translate = (key, values) => t(key, values);
    translators.set(locale, translate);
  }
  return translate;
}
