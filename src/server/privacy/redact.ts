/**
 * Redaction rules (issue 19): pure functions, no I/O, no logging. What is covered:
 * - card: 13 to 19 digits in one run (digits or digit words, separated by spaces, dashes or
 *   commas) that pass the Luhn check; a run starting with "+" is a phone number and is left alone.
 * - national_id: US SSN written 3-2-4 (123-45-6789 / 123 45 6789, not 000/666/9xx areas);
 *   Russian SNILS written 3-3-3-2 with a valid check number (112-233-445 95); any 9 (SSN),
 *   11 (SNILS) or 10 (passport series + number) digit run right after "SSN", "social security",
 *   "СНИЛС", "passport" or "паспорт".
 * - email: addresses written with "@" (spelled-out "at ... dot" is not covered).
 * - date_of_birth: the date after "born", "date of birth", "DOB", "birthday", "дата рождения",
 *   "родился", "родилась", "день рождения" (up to the end of the sentence, only when it contains a
 *   number, a number word or a month).
 * Spoken numbers are covered digit by digit ("four two four two", "четыре два"); numbers spoken
 * as tens ("forty-two", "сорок два") are not. Times ("10:30"), appointment dates and phone numbers
 * are not matched: they are too short, fail the checks or start with "+".
 */

const REDACTION_KINDS = ["card", "national_id", "email", "date_of_birth"] as const;
type RedactionKind = (typeof REDACTION_KINDS)[number];
export type RedactionCounts = Partial<Record<RedactionKind, number>>;

const REDACTION_MARKERS: Record<RedactionKind, string> = {
  card: "[card number]",
  national_id: "[id number]",
  email: "[email]",
  date_of_birth: "[date of birth]",
};

const DIGIT_WORDS: Record<string, string> = {
  zero: "0",
  oh: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ноль: "0",
  нуль: "0",
  один: "1",
  одна: "1",
  одно: "1",
  два: "2",
  две: "2",
  три: "3",
  четыре: "4",
  пять: "5",
  шесть: "6",
  семь: "7",
  восемь: "8",
  девять: "9",
};

interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
}

interface Unit {
  start: number;
  end: number;
  digits: string;
  literal: boolean;
}

const TOKEN = /\p{L}+|[0-9]+/gu;
const GAP_IN_RUN = /^[ \t]*[-–,]?[ \t]*$/;
const ID_KEYWORD =
  /(?:\bssn\b|social security(?: number)?|снилс|passport|паспорт)[^\p{L}\p{Nd}]*(?:(?:number|is|номер|серия|и)[^\p{L}\p{Nd}]*){0,3}$/iu;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export function snilsValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (9 - i);
  let check = sum % 101;
  if (check === 100) check = 0;
  return check === Number(digits.slice(9));
}

function ssnShaped(digits: string): boolean {
  const area = digits.slice(0, 3);
  return (
    digits.length === 9 && area !== "000" && area !== "666" && area[0] !== "9" && digits.slice(3, 5) !== "00" && digits.slice(5) !== "0000"
  );
}

/** Runs of digit groups and digit words, split where anything but a space, dash or comma separates them. */
function digitRuns(text: string): Unit[][] {
  const runs: Unit[][] = [];
  let run: Unit[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    const start = m.index;
    const literal = /^[0-9]+$/.test(token);
    const digits = literal ? token : DIGIT_WORDS[token.toLowerCase()];
    const previous = run[run.length - 1];
    if (digits === undefined) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    if (previous && !GAP_IN_RUN.test(text.slice(previous.end, start))) {
      runs.push(run);
      run = [];
    }
    run.push({ start, end: start + token.length, digits, literal });
  }
  if (run.length) runs.push(run);
  return runs;
}

function joined(units: Unit[]): string {
  return units.map((u) => u.digits).join("");
}

function groupsOf(units: Unit[]): number[] {
  return units.map((u) => u.digits.length);
}

function sameGroups(units: Unit[], shape: readonly number[]): boolean {
  return units.every((u) => u.literal) && groupsOf(units).join(",") === shape.join(",");
}

function numberSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of digitRuns(text)) {
    const first = run[0]!;
    if (/\+\s*$/.test(text.slice(Math.max(0, first.start - 2), first.start))) continue; // a phone number
    const all = joined(run);
    const keyword = ID_KEYWORD.test(text.slice(Math.max(0, first.start - 60), first.start));
    if (keyword && (all.length === 9 || all.length === 10 || all.length === 11)) {
      spans.push({ start: first.start, end: run[run.length - 1]!.end, kind: "national_id" });
      continue;
    }
    const card = cardWindow(run);
    if (card) {
      spans.push({ ...card, kind: "card" });
      continue;
    }
    // Written ids: look at every window of whole groups with the id's shape.
    for (let i = 0; i < run.length; i++) {
      for (const [shape, valid] of [
        [[3, 2, 4], ssnShaped],
        [[3, 3, 3, 2], snilsValid],
      ] as const) {
        const window = run.slice(i, i + shape.length);
        if (window.length === shape.length && sameGroups(window, shape) && valid(joined(window))) {
          spans.push({ start: window[0]!.start, end: window[window.length - 1]!.end, kind: "national_id" });
        }
      }
    }
  }
  return spans;
}

/** The longest window of whole groups with 13 to 19 digits passing Luhn, earliest first. */
function cardWindow(run: Unit[]): { start: number; end: number } | null {
  if (joined(run).length < 13) return null;
  for (let i = 0; i < run.length; i++) {
    let best: number | null = null;
    let digits = "";
    for (let j = i; j < run.length; j++) {
      digits += run[j]!.digits;
      if (digits.length > 19) break;
      if (digits.length >= 13 && luhnValid(digits)) best = j;
    }
    if (best !== null) return { start: run[i]!.start, end: run[best]!.end };
  }
  return null;
}

const EMAIL = /[\p{L}\p{Nd}._%+-]+@[\p{L}\p{Nd}-]+(?:\.[\p{L}\p{Nd}-]+)*\.\p{L}{2,}/gu;

const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|январ\\p{L}*|феврал\\p{L}*|март\\p{L}*|апрел\\p{L}*|ма[йя]|июн\\p{L}*|июл\\p{L}*|август\\p{L}*|сентябр\\p{L}*|октябр\\p{L}*|ноябр\\p{L}*|декабр\\p{L}*";
const DOB_KEYWORD =
  /(?<![\p{L}])(?:born|date of birth|d\.?o\.?b\.?|birthday|birth date|дата рождения|дату рождения|день рождения|родился|родилась|родилось)(?![\p{L}])[\s:,-]*(?:(?:on|is|was)(?![\p{L}])[\s:,-]*)?/giu;
const DATE_HINT = new RegExp(
  `\\p{Nd}|(?<![\\p{L}])(?:${MONTHS}|${Object.keys(DIGIT_WORDS).join("|")}|first|second|third|\\p{L}+teenth|\\p{L}+tieth|\\p{L}+(?:th)|nineteen|twenty|тысяч\\p{L}*|девятьсот|двухтысячн\\p{L}*|\\p{L}+ого)(?![\\p{L}])`,
  "iu",
);

/** Russian passport said as series and number with words between ("серия 45 10 номер 123456"). */
const PASSPORT =
  /(?:паспорт|passport)[^\p{Nd}+]{0,30}?(\p{Nd}{2}[ \t]?\p{Nd}{2})[ \t,]*(?:номер|№|number|no\.?)?[ \t:]*(\p{Nd}{6})(?!\p{Nd})/giu;

function passportSpans(text: string): Span[] {
  return [...text.matchAll(PASSPORT)].map((m) => {
    const start = m.index + m[0].length - m[0].slice(m[0].search(/\p{Nd}/u)).length;
    return { start, end: m.index + m[0].length, kind: "national_id" as const };
  });
}

function dateOfBirthSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(DOB_KEYWORD)) {
    const start = m.index + m[0].length;
    const rest = text.slice(start, start + 80);
    // Up to the end of the sentence (".", "!", "?" or ";" then a space or the end, or a new line)
    // or a comma before a word ("born 07/03/1985, email ..."; "March 7, 1985" goes on).
    const stop = rest.search(/[.!?;](?:\s|$)|\n|,\s*(?=\p{L})/u);
    const phrase = stop === -1 ? rest : rest.slice(0, stop);
    if (!phrase.trim() || !DATE_HINT.test(phrase)) continue;
    const trimmed = phrase.replace(/\s+$/, "");
    spans.push({ start, end: start + trimmed.length, kind: "date_of_birth" });
  }
  return spans;
}

export interface Redacted {
  text: string;
  counts: RedactionCounts;
}

/** Replaces what the rules find with a marker per kind and counts it. Overlaps keep the earliest match. */
export function redactText(text: string): Redacted {
  const found = [
    ...[...text.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length, kind: "email" as const })),
    ...dateOfBirthSpans(text),
    ...passportSpans(text),
    ...numberSpans(text),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const counts: RedactionCounts = {};
  let out = "";
  let at = 0;
  for (const span of found) {
    if (span.start < at) {
      if (span.end > at && span.kind === "date_of_birth") {
        // A date of birth that begins inside an earlier match still ends where it ends.
        at = span.end;
      }
      continue;
    }
    out += text.slice(at, span.start) + REDACTION_MARKERS[span.kind];
    at = span.end;
    counts[span.kind] = (counts[span.kind] ?? 0) + 1;
  }
  return { text: out + text.slice(at), counts };
}

/** Redacts every string inside a JSON value (objects, arrays); other values are kept. */
export function redactJson<T>(value: T): { value: T; counts: RedactionCounts } {
  const counts: RedactionCounts = {};
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      const r = redactText(v);
      addCounts(counts, r.counts);
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return { value: walk(value) as T, counts };
}

function addCounts(into: RedactionCounts, more: RedactionCounts): RedactionCounts {
  for (const kind of REDACTION_KINDS) {
    if (more[kind]) into[kind] = (into[kind] ?? 0) + more[kind]!;
  }
  return into;
}

/** Per kind, the most found in any one of the fields (the same card is in the transcript and the messages). */
export function maxCounts(...all: RedactionCounts[]): RedactionCounts {
  const out: RedactionCounts = {};
  for (const c of all) {
    for (const kind of REDACTION_KINDS) {
      if (c[kind]) out[kind] = Math.max(out[kind] ?? 0, c[kind]!);
    }
  }
  return out;
}
