import { describe, expect, it } from "vitest";
import type { Locale } from "@/i18n/locales";
import { catalogues } from "@/i18n/messages";
import { createFormatters, type FormatWords } from "@/lib/formatters";

/** The words as useFormatters reads them from the catalogue (ICU placeholders filled in by hand). */
function wordsFor(locale: Locale): FormatWords {
  const f = catalogues[locale].format;
  const fill = (template: string, values: Record<string, string | number>) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
  return {
    yesterday: (time) => fill(f.yesterday, { time }),
    seconds: (s) => fill(f.seconds, { s }),
    minutes: (m, s) => fill(f.minutes, { m, s }),
    hours: (h, m) => fill(f.hours, { h, m }),
    withheld: f.withheld,
    never: f.never,
    language: (code) => (code in f.language ? f.language[code as keyof typeof f.language] : code),
  };
}

const en = createFormatters("en", wordsFor("en"));
const ru = createFormatters("ru", wordsFor("ru"));
const now = new Date("2026-12-07T15:00:00Z");

describe("dashboard formatters in each language", () => {
  it("durations", () => {
    expect([45, 125, 3725].map(en.formatDuration)).toEqual(["45s", "2m 05s", "1h 02m"]);
    expect([45, 125, 3725].map(ru.formatDuration)).toEqual(["45 с", "2 мин 05 с", "1 ч 02 мин"]);
    expect(en.formatDuration(null)).toBe("—");
  });

  it("money and shares", () => {
    expect(en.formatCost(0.042)).toBe("$0.042");
    expect(en.formatCost(12.5)).toBe("$12.50");
    expect(ru.formatCost(12.5).replace(/\s/g, " ")).toBe("12,50 $");
    expect(en.formatPercent(0.456)).toBe("46%");
    expect(ru.formatPercent(0.456).replace(/\s/g, " ")).toBe("46 %");
    expect(en.formatPercent(Number.NaN)).toBe("—");
  });

  it("times in the clinic's zone, yesterday in words", () => {
    const zone = "Europe/Moscow";
    expect(en.formatCallTime("2026-12-07T07:05:00Z", zone, now)).toBe("10:05");
    expect(en.formatCallTime("2026-12-06T07:05:00Z", zone, now)).toBe("Yesterday 10:05");
    expect(ru.formatCallTime("2026-12-06T07:05:00Z", zone, now)).toBe("Вчера 10:05");
    expect(ru.formatFullDateTime("2026-12-07T07:05:00Z", zone)).toMatch(/^пн, 7 дек\.? 2026( г\.)?,? 10:05$/);
    expect(en.formatDate("not a date")).toBe("");
  });

  it("callers and languages", () => {
    expect(en.formatCaller(null)).toBe("Withheld number");
    expect(ru.formatCaller(null)).toBe("Номер скрыт");
    expect(ru.languageName("en")).toBe("Английский");
    expect(en.languageName("xx")).toBe("xx");
  });
});
