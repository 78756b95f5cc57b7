/**
 * The dashboard's languages. Shared by the server (which picks the request's language) and the
 * browser (the language selector); imports nothing.
 */
export const locales = ["en", "ru"] as const;

export type Locale = (typeof locales)[number];

const defaultLocale: Locale = "en";

/** Each language named in itself, for the selector. */
export const localeNames: Record<Locale, string> = { en: "English", ru: "Русский" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The first of our languages the browser asks for, by its Accept-Language weights
 * ("ru-RU,ru;q=0.9,en;q=0.8" → "ru"); the default when it asks for none of them or the header
 * is missing or malformed. Only the primary subtag counts ("en-GB" is "en").
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const wanted: { locale: Locale; q: number; order: number }[] = [];
  // A header is short; cap the work a hostile one can cause.
  const parts = acceptLanguage.slice(0, 1000).split(",").slice(0, 50);
  parts.forEach((part, order) => {
    const [tag = "", ...params] = part.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    if (!isLocale(primary)) return;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(param);
      if (match) q = Number(match[1]);
    }
    if (q > 0) wanted.push({ locale: primary, q, order });
  });
  wanted.sort((a, b) => b.q - a.q || a.order - b.order);
  return wanted[0]?.locale ?? defaultLocale;
}
