import path from "node:path";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { negotiateLocale } from "@/i18n/locales";
import { errorCodeKeys } from "@/lib/error-code-keys";
import { errorCodes } from "@/shared/error-codes";
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import { type Catalogue, checkCatalogues, flatten, readSources } from "./catalogue-check";

const sources = readSources(path.resolve(__dirname, "../../src"));

describe("message catalogues", () => {
  it("en and ru have the same keys, every message formats, every key is used and every used key exists", () => {
    expect(checkCatalogues({ catalogues: { en, ru }, sources })).toEqual([]);
  });

  it("the scan finds keys in the source (it is not vacuous)", () => {
    expect(flatten(en).size).toBeGreaterThan(100);
    const joined = [...sources.values()].join("\n");
    expect(joined).toContain('t("auth.logIn")');
  });

  describe("fails on a broken catalogue or source", () => {
    const catalogue: Catalogue = { a: { used: "Used", plural: "{count, plural, one {# call} other {# calls}}" } };
    const ruCatalogue: Catalogue = {
      a: { used: "Есть", plural: "{count, plural, one {# звонок} few {# звонка} many {# звонков} other {# звонка}}" },
    };
    const source = new Map([["x.tsx", 'const t = useTranslations();\nt("a.used"); t("a.plural", { count });']]);

    it("passes when all is well", () => {
      expect(checkCatalogues({ catalogues: { en: catalogue, ru: ruCatalogue }, sources: source })).toEqual([]);
    });

    it("finds keys used inside a template literal's expressions", () => {
      const template = ["`$", "{n} $", '{t("a.used")}`'].join(""); // `${n} ${t("a.used")}`
      const inTemplate = new Map([["x.tsx", `const s = ${template}; t("a.plural", { count });`]]);
      expect(checkCatalogues({ catalogues: { en: catalogue, ru: ruCatalogue }, sources: inTemplate })).toEqual([]);
    });

    it("a key missing from ru", () => {
      const broken = { a: { used: "Есть" } };
      expect(checkCatalogues({ catalogues: { en: catalogue, ru: broken }, sources: source })).toContain("ru: missing key a.plural");
    });

    it("a key in the catalogue that no source uses", () => {
      const unused = new Map([["x.tsx", 't("a.used")']]);
      expect(checkCatalogues({ catalogues: { en: catalogue, ru: ruCatalogue }, sources: unused })).toContain(
        'unused key a.plural (no "a.plural" in src/)',
      );
    });

    it("a key used in the source that no catalogue has", () => {
      const extra = new Map([["x.tsx", 't("a.used"); t("a.plural"); t("a.missing")']]);
      expect(checkCatalogues({ catalogues: { en: catalogue, ru: ruCatalogue }, sources: extra })).toContain(
        'x.tsx: t("a.missing") is not in the catalogue',
      );
    });

    it("a namespace or a key built at run time, which the scan cannot follow", () => {
      const built = ["t(`a.$", "{name}`)"].join(""); // t(`a.${name}`), kept out of this file's own scan
      const hidden = new Map([["x.tsx", `useTranslations("a"); ${built}; t("a." + name); "a.used"; "a.plural"`]]);
      const problems = checkCatalogues({ catalogues: { en: catalogue, ru: ruCatalogue }, sources: hidden });
      expect(problems.filter((p) => p.includes("hides the key"))).toHaveLength(3);
    });

    it("a Russian plural without its few/many forms, and mismatched arguments", () => {
      const wrong = { a: { used: "Есть {name}", plural: "{count, plural, one {# звонок} other {# звонков}}" } };
      const problems = checkCatalogues({ catalogues: { en: catalogue, ru: wrong }, sources: source });
      expect(problems).toContain('ru: a.plural has no "few" plural form');
      expect(problems).toContain('ru: a.plural has no "many" plural form');
      expect(problems).toContain("ru: a.used takes name, en takes nothing");
    });

    it("a message that does not parse", () => {
      const bad = { a: { used: "Есть {", plural: ruCatalogue.a && (ruCatalogue.a as Catalogue).plural } } as Catalogue;
      expect(checkCatalogues({ catalogues: { en: catalogue, ru: bad }, sources: source }).some((p) => p.startsWith("ru: a.used"))).toBe(
        true,
      );
    });
  });

  it("Russian and English plurals read right", () => {
    const messages = { n: "{count, plural, one {# звонок} few {# звонка} many {# звонков} other {# звонка}}" };
    const t = createTranslator({ locale: "ru", messages });
    expect([1, 2, 5, 21, 22, 25, 11].map((count) => t("n", { count }))).toEqual([
      "1 звонок",
      "2 звонка",
      "5 звонков",
      "21 звонок",
      "22 звонка",
      "25 звонков",
      "11 звонков",
    ]);
    const ruT = createTranslator({ locale: "ru", messages: ru });
    expect([1, 3, 7].map((count) => ruT("setup.phoneNumber.detail", { count }))).toEqual(["1 номер", "3 номера", "7 номеров"]);
    const enT = createTranslator({ locale: "en", messages: en });
    expect([1, 2].map((count) => enT("setup.phoneNumber.detail", { count }))).toEqual(["1 number", "2 numbers"]);
  });
});

describe("API error codes", () => {
  it("every code the API sends, and the browser's own two, has a message in both languages", () => {
    const codes = [...errorCodes, "network", "bad_response"] as const;
    expect(Object.keys(errorCodeKeys).sort()).toEqual([...codes].sort());
    for (const [locale, catalogue] of Object.entries({ en, ru })) {
      const flat = flatten(catalogue);
      for (const code of codes) {
        const text = flat.get(errorCodeKeys[code]);
        expect(text, `${locale}: ${code}`).toBeTruthy();
      }
    }
    expect(flatten(ru).get(errorCodeKeys.rate_limited)).not.toBe(flatten(en).get(errorCodeKeys.rate_limited));
  });
});

describe("negotiateLocale (Accept-Language before sign-in)", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"],
    ["en-GB,en;q=0.9,ru;q=0.8", "en"],
    ["de-DE,de;q=0.9,ru;q=0.5,en;q=0.4", "ru"],
    ["de, fr", "en"],
    ["en;q=0.1, ru;q=0.2", "ru"],
    ["ru;q=0", "en"],
    ["*", "en"],
    ["RU", "ru"],
    ["ru;q=abc", "ru"],
  ])("%j → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it("reads only the start of a huge header", () => {
    expect(negotiateLocale(`${"x,".repeat(10_000)}ru`)).toBe("en");
  });
});
