/**
 * The intents block the emulator reads from the assistant's system prompt, and how it matches
 * a caller's words to an intent. `buildTransientAssistant` writes this format; an LLM reads it as
 * plain instructions, the emulator parses it:
 *
 *   ### Intent: Book a cleaning
 *   Examples: book a cleaning | teeth cleaning appointment | записаться на чистку
 *   Answer (English): Of course. Let me check when we can see you.
 *   Answer (Russian): Конечно. Давайте посмотрим, когда мы можем вас принять.
 *   Action: book_appointment
 *
 * - An intent starts at a heading line `#`..`####` followed by `Intent:` and its name; it ends at
 *   the next heading line or the end of the prompt. Everything outside intents is ignored.
 * - Field lines are `Key: value`, keys case-insensitive: `Examples` (phrases separated by `|` or
 *   `;`), `Answer (English)` / `Answer (EN)`, `Answer (Russian)` / `Answer (RU)`, `Action`
 *   (`none`, optionally followed by a note, a tool name such as `book_appointment`, or `transfer`).
 *   Unknown lines are ignored.
 * - The clinic's time zone is the first IANA zone in parentheses anywhere in the prompt, e.g.
 *   `## Opening hours (Europe/London)`; "tomorrow at 10" is read in that zone.
 * - Matching is keyword overlap: the caller's words against the intent's name and examples,
 *   case-insensitive, stop words dropped, words sharing a 5-letter prefix count as equal
 *   ("appointment"/"appointments", "записаться"/"записать"). Highest overlap wins; ties go to the
 *   intent listed first; no overlap, no intent.
 */

export interface PromptIntent {
  name: string;
  examples: string[];
  answerEnglish?: string;
  answerRussian?: string;
  action?: string;
}

const INTENT_HEADING = /^#{1,4}\s*Intent:\s*(.+?)\s*$/i;
const ANY_HEADING = /^#{1,6}\s/;
const FIELD = /^([A-Za-z][A-Za-z ()]*?)\s*:\s*(.*)$/;

export function parsePromptIntents(prompt: string): PromptIntent[] {
  const intents: PromptIntent[] = [];
  let current: PromptIntent | undefined;
  for (const rawLine of prompt.split(/\r?\n/)) {
    const line = rawLine.trim().replace(/^[-*]\s+/, "");
    const heading = INTENT_HEADING.exec(line);
    if (heading) {
      current = { name: heading[1] ?? "", examples: [] };
      intents.push(current);
      continue;
    }
    if (ANY_HEADING.test(line)) {
      current = undefined;
      continue;
    }
    const field = current ? FIELD.exec(line) : null;
    if (current && field) applyField(current, (field[1] ?? "").toLowerCase(), (field[2] ?? "").trim());
  }
  return intents;
}

function applyField(intent: PromptIntent, key: string, value: string): void {
  if (!value) return;
  if (key === "examples" || key === "example phrases" || key === "phrases") {
    intent.examples.push(
      ...value
        .split(/[|;]/)
        .map((phrase) => phrase.trim())
        .filter(Boolean),
    );
  } else if (key === "answer (english)" || key === "answer (en)") {
    intent.answerEnglish = value;
  } else if (key === "answer (russian)" || key === "answer (ru)") {
    intent.answerRussian = value;
  } else if (key === "action") {
    intent.action = /^none\b/i.test(value) ? undefined : value;
  }
}

/** The intent whose name and examples share the most words with the utterance, if any. */
export function matchIntent(utterance: string, intents: readonly PromptIntent[]): PromptIntent | undefined {
  const words = keywords(utterance);
  let best: PromptIntent | undefined;
  let bestScore = 0;
  for (const intent of intents) {
    const vocabulary = keywords([intent.name, ...intent.examples].join(" "));
    const score = words.filter((word) => vocabulary.some((known) => sameWord(word, known))).length;
    if (score > bestScore) {
      best = intent;
      bestScore = score;
    }
  }
  return best;
}

/** The first valid IANA zone written in parentheses in the prompt, e.g. "(Europe/London)". */
export function promptTimeZone(prompt: string): string | undefined {
  for (const [, candidate] of prompt.matchAll(/\(([A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+|UTC)\)/g)) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: candidate });
      return candidate;
    } catch {
      // not a zone Intl knows; keep looking
    }
  }
  return undefined;
}

export function isRussian(text: string): boolean {
  return /[\u0400-\u04FF]/.test(text);
}

/** Distinct lower-case words of three or more letters, stop words removed. */
export function keywords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length >= 3 && !STOP_WORDS.has(word)))];
}

export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length >= 5 && b.length >= 5) return a.slice(0, 5) === b.slice(0, 5);
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length === 4 && long.startsWith(short);
}

const STOP_WORDS = new Set([
  "the",
  "and",
  "for",
  "you",
  "your",
  "can",
  "could",
  "would",
  "please",
  "what",
  "when",
  "where",
  "how",
  "are",
  "is",
  "was",
  "have",
  "has",
  "with",
  "this",
  "that",
  "there",
  "from",
  "want",
  "like",
  "need",
  "hello",
  "tomorrow",
  "today",
  "does",
  "about",
  "как",
  "что",
  "где",
  "когда",
  "это",
  "мне",
  "вас",
  "вам",
  "для",
  "или",
  "есть",
  "можно",
  "хочу",
  "пожалуйста",
  "здравствуйте",
  "завтра",
  "сегодня",
]);
