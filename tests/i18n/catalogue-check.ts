import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";

/**
 * The checks behind tests/i18n/catalogue.test.ts, as pure functions over catalogues and source
 * texts, so the test can also feed them broken input and see them fail.
 *
 * How keys are used (docs/architecture.md, "Languages"): one translator per component,
 * `const t = useTranslations()` (client or server component) or `await getTranslations()`
 * (async server code), never with a namespace, and always the full key as a string literal:
 * `t("calls.empty.title")`. Where a key is chosen at run time, the code keeps a map of full keys
 * (`{ booked: "calls.outcome.booked" } satisfies Record<Outcome, MessageKey>`). So a key is used
 * exactly when its full name appears as a string literal somewhere in src/.
 */

export type Catalogue = { [key: string]: string | Catalogue };

export function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/**
 * Every string literal in a source text without interpolation: "…", '…', `…`. Comments and
 * template literals with `${}` are read as whole tokens, so their quotes start nothing; the
 * expressions inside such a template are scanned for literals too.
 */
function stringLiterals(source: string): string[] {
  const found: string[] = [];
  const tokens = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;
  for (const match of source.matchAll(tokens)) {
    const text = match[1] ?? match[2] ?? match[3];
    if (text === undefined) continue;
    // A template with `${…}` is no literal itself, but its expressions may hold some (t("…") inside).
    if (match[3] !== undefined && text.includes("${")) found.push(...stringLiterals(text.replace(/`/g, "")));
    else found.push(text);
  }
  return found;
}

/** Keys passed straight to a translator: t("…"), t.rich("…"), t.markup("…"), t.has("…"), useTranslations()("…"). */
function translatorCalls(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bt(?:\.rich|\.markup|\.has)?|Translations\(\))\(\s*(["'])([^"'\n]*)\1/g)) {
    found.push(match[2]!);
  }
  return found;
}

/** Uses of the translator the scan could not follow: a namespace, or a key built from pieces. */
function unscannableUses(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\b(?:useTranslations|getTranslations)\(\s*[^)\s]/g)) found.push(match[0]);
  for (const match of source.matchAll(/(?:\bt(?:\.rich|\.markup|\.has)?|Translations\(\))\(\s*`[^`]*\$\{/g)) found.push(match[0]);
  for (const match of source.matchAll(/(?:\bt(?:\.rich|\.markup|\.has)?|Translations\(\))\(\s*(["'])[^"'\n]*\1\s*\+/g))
    found.push(match[0]);
  return found;
}

/** The argument names and tags of an ICU message ("{count, plural, …}", "<b>…</b>"), sorted. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*(?=[,}])/g)) names.add(match[1]!);
  for (const match of message.matchAll(/<([A-Za-z][\w]*)>/g)) names.add(`<${match[1]}>`);
  return [...names].sort();
}

const pluralCategories: Record<string, string[]> = { en: ["one", "other"], ru: ["one", "few", "many", "other"] };

/** Formats one message with sample values; returns the error, if any. */
function formatProblem(locale: string, key: string, messages: Catalogue, message: string, count: number): string | null {
  let problem: string | null = null;
  const t = createTranslator({
    locale: locale as "en",
    messages,
    timeZone: "UTC",
    onError: (error) => {
      problem = error.message;
    },
  });
  const values: Record<string, string | number | ((chunks: string) => string)> = {};
  for (const name of argumentsOf(message)) {
    if (name.startsWith("<")) values[name.slice(1, -1)] = (chunks: string) => chunks;
    else if (new RegExp(`\\{\\s*${name}\\s*,\\s*(plural|number|selectordinal)`).test(message)) values[name] = count;
    else if (new RegExp(`\\{\\s*${name}\\s*,\\s*(date|time)`).test(message)) values[name] = new Date(0) as unknown as string;
    else values[name] = "x";
  }
  (t as any).markup(key, values);
  return problem;
}

export interface CheckInput {
  catalogues: Record<string, Catalogue>;
  /** File name → source text of every file under src/. */
  sources: Map<string, string>;
}

/** Every problem found, as sentences; an empty list means the catalogues are complete and used. */
export function checkCatalogues({ catalogues, sources }: CheckInput): string[] {
  const problems: string[] = [];
  const flat = Object.fromEntries(Object.entries(catalogues).map(([locale, c]) => [locale, flatten(c)]));
  const en = flat.en!;
  for (const [locale, messages] of Object.entries(flat)) {
    if (locale === "en") continue;
    for (const key of en.keys()) if (!messages.has(key)) problems.push(`${locale}: missing key ${key}`);
    for (const key of messages.keys()) if (!en.has(key)) problems.push(`${locale}: key ${key} is not in en`);
    for (const [key, message] of messages) {
      const source = en.get(key);
      if (source === undefined) continue;
      if (argumentsOf(source).join() !== argumentsOf(message).join()) {
        problems.push(
          `${locale}: ${key} takes ${argumentsOf(message).join(", ") || "nothing"}, en takes ${argumentsOf(source).join(", ") || "nothing"}`,
        );
      }
    }
  }
  for (const [locale, messages] of Object.entries(flat)) {
    for (const [key, message] of messages) {
      if (!message.trim()) problems.push(`${locale}: ${key} is empty`);
      for (const plural of message.matchAll(/\{\s*\w+\s*,\s*plural\s*,((?:[^{}]|\{[^{}]*\})*)\}/g)) {
        const present = [...plural[1]!.matchAll(/(?:^|\s|\})\s*(=\d+|zero|one|two|few|many|other)\s*\{/g)].map((m) => m[1]);
        for (const category of pluralCategories[locale] ?? ["other"]) {
          if (!present.includes(category)) problems.push(`${locale}: ${key} has no "${category}" plural form`);
        }
      }
      for (const count of [1, 2, 5]) {
        const problem = formatProblem(locale, key, catalogues[locale]!, message, count);
        if (problem) {
          problems.push(`${locale}: ${key} does not format: ${problem}`);
          break;
        }
      }
    }
  }
  const literals = new Set<string>();
  for (const [file, source] of sources) {
    for (const literal of stringLiterals(source)) literals.add(literal);
    for (const key of translatorCalls(source)) if (!en.has(key)) problems.push(`${file}: t("${key}") is not in the catalogue`);
    for (const use of unscannableUses(source)) problems.push(`${file}: "${use}" hides the key from the scan; use t("full.key")`);
  }
  for (const key of en.keys()) if (!literals.has(key)) problems.push(`unused key ${key} (no "${key}" in src/)`);
  return problems;
}

export function readSources(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
        out.set(path.relative(path.dirname(dir), full), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return out;
}
