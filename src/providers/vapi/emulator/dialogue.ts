/**
 * What the emulated assistant knows and says between the caller's lines, so a demo call reads
 * like a receptionist's: the clinic's opening hours (read from the prompt's "Opening hours"
 * block), the free times a tool answered (read from its words), the caller's name (said, or
 * asked for before booking), and replies in the caller's language only. Pure and deterministic.
 */

export type Language = "en" | "ru";

export interface Slot {
  /** YYYY-MM-DD, the clinic's calendar date. */
  date: string;
  /** HH:MM on the clinic's clock. */
  time: string;
}

export interface WeeklyHours {
  /** Open days by weekday (0 = Sunday); a missing day is closed. Empty map: hours unknown (always open). */
  openDays: Set<number>;
  known: boolean;
  /** Dates closed by an exception, and dates opened by one. */
  closedDates: Set<string>;
  openDates: Set<string>;
}

const DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** Reads `- Monday: 09:00–17:00` / `- Sunday: closed` / `- 2026-12-25 (Christmas): closed` under "Opening hours". */
export function parseOpeningHours(prompt: string): WeeklyHours {
  const hours: WeeklyHours = { openDays: new Set(), known: false, closedDates: new Set(), openDates: new Set() };
  const block = /^#{1,4}\s*Opening hours[^\n]*\n([\s\S]*?)(?=^#{1,4}\s|(?![\s\S]))/im.exec(prompt)?.[1];
  if (!block) return hours;
  for (const raw of block.split(/\r?\n/)) {
    const line = raw.trim().replace(/^[-*]\s+/, "");
    const weekday = /^([A-Za-z]+)\s*:\s*(.+)$/.exec(line);
    const dayIndex = weekday ? DAY_NAMES.indexOf(weekday[1]!.toLowerCase()) : -1;
    if (weekday && dayIndex >= 0) {
      hours.known = true;
      if (!/closed/i.test(weekday[2]!)) hours.openDays.add(dayIndex);
      continue;
    }
    const exception = /^(\d{4}-\d{2}-\d{2})(?:\s*\([^)]*\))?\s*:\s*(.+)$/.exec(line);
    if (exception) (/closed/i.test(exception[2]!) ? hours.closedDates : hours.openDates).add(exception[1]!);
  }
  return hours;
}

export function isOpenOn(hours: WeeklyHours, date: string): boolean {
  if (hours.closedDates.has(date)) return false;
  if (hours.openDates.has(date) || !hours.known) return true;
  return hours.openDays.has(weekdayOf(date));
}

/** The first open day on or after `date` (within three weeks), else `date`. */
export function nextOpenDay(hours: WeeklyHours, date: string): string {
  for (let offset = 0; offset < 21; offset++) {
    const candidate = addDays(date, offset);
    if (isOpenOn(hours, candidate)) return candidate;
  }
  return date;
}

const MONTHS: Record<string, number> = Object.fromEntries(
  [
    ["january", "января"],
    ["february", "февраля"],
    ["march", "марта"],
    ["april", "апреля"],
    ["may", "мая"],
    ["june", "июня"],
    ["july", "июля"],
    ["august", "августа"],
    ["september", "сентября"],
    ["october", "октября"],
    ["november", "ноября"],
    ["december", "декабря"],
  ].flatMap((names, index) => names.map((name) => [name, index + 1])),
);

/**
 * The free times in a tool's answer, with their dates: "Monday 7 December at 09:30 and 10:00, or
 * Tuesday 8 December at 09:00" (or the Russian form). Times with no day named take `fallbackDate`.
 * The year is the one that puts the day nearest after `fallbackDate`.
 */
export function slotsIn(answer: string, fallbackDate: string): Slot[] {
  const slots: Slot[] = [];
  const text = answer.replace(/\([^()]*\)/g, " ");
  const dayPattern = /(\d{1,2})\s+([A-Za-zА-Яа-яЁё]+)/g;
  const days: { index: number; date: string }[] = [];
  for (const match of text.matchAll(dayPattern)) {
    const month = MONTHS[match[2]!.toLowerCase()];
    if (month) days.push({ index: match.index ?? 0, date: dateNear(fallbackDate, month, Number(match[1])) });
  }
  for (const match of text.matchAll(/\b(\d{1,2}):(\d{2})\b/g)) {
    const at = match.index ?? 0;
    const day = days.filter((candidate) => candidate.index < at).at(-1);
    slots.push({ date: day?.date ?? fallbackDate, time: `${match[1]!.padStart(2, "0")}:${match[2]}` });
  }
  return slots;
}

/** Did the tool refuse (no booking made)? Our tool's refusals and the common words of others. */
export function isRefusal(answer: string): boolean {
  return /\b(taken|outside|too soon|already passed|not available|cannot|could not|unavailable)\b|занял|вне часов|слишком скоро|уже прошло|недоступн|не получилось/i.test(
    answer,
  );
}

/** "My name is Jane Doe", "I'm Jane", "это Анна Смирнова", "меня зовут Иван"; undefined when no name is said. */
export function nameSaidIn(utterance: string): string | undefined {
  const match =
    /\b(?:[Mm]y name is|[Tt]his is|I am|I'm|[Nn]ame's|[Ii]t's)\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){0,2})/u.exec(utterance) ??
    /(?:[Мм]еня зовут|[Ээ]то|(?:^|\s)[Яя])\s+([А-ЯЁ][а-яё'-]+(?:\s+[А-ЯЁ][а-яё'-]+){0,2})/u.exec(utterance);
  return match?.[1]?.trim();
}

/** The answer to "May I have your name?": the name said, else the line itself when it looks like a name. */
export function nameAnswer(utterance: string): string | undefined {
  const said = nameSaidIn(utterance);
  if (said) return said;
  const line = utterance
    .trim()
    .replace(/^(it's|it is|yes,?|sure,?|да,?)\s+/i, "")
    .replace(/[.!?]+$/, "");
  const words = line.split(/\s+/).filter(Boolean);
  return words.length >= 1 && words.length <= 4 && words.every((word) => /^[\p{Lu}][\p{L}'-]*$/u.test(word)) ? line : undefined;
}

/** The offered time the caller picked: a time they said, or "the first", "yes", "ok", "да". */
export function pickedSlot(utterance: string, offered: Slot[]): Slot | undefined {
  const text = utterance.toLowerCase();
  const said = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/.exec(text);
  if (said && (said[2] || said[3] || /\bat\s+\d|в\s+\d/.test(text))) {
    let hours = Number(said[1]);
    if (said[3] === "pm" && hours < 12) hours += 12;
    const time = `${String(hours).padStart(2, "0")}:${said[2] ?? "00"}`;
    const found = offered.find((slot) => slot.time === time);
    if (found) return found;
  }
  if (/\b(first|yes|ok|okay|sure|fine|that one|sounds good)\b|перв|^да|хорошо|подходит/.test(text)) return offered[0];
  if (/\b(second)\b|втор/.test(text)) return offered[1];
  return undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "Monday 7 December" / "понедельник, 7 декабря" for a calendar date. */
export function spokenDate(date: string, language: Language): string {
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language === "ru" ? "ru-RU" : "en-GB", {
      timeZone: "UTC",
      weekday: "long",
      day: "numeric",
      month: "long",
    });
    formatters.set(language, formatter);
  }
  return formatter.format(new Date(`${date}T12:00:00Z`));
}

function listOf(items: string[], language: Language): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${language === "ru" ? "или" : "or"} ${items.at(-1)}`;
}

/** "Monday 7 December at 09:30, 09:45 or 10:00": the offered times, grouped by day. */
export function offeredTimes(slots: Slot[], language: Language): string {
  const byDay = new Map<string, string[]>();
  for (const slot of slots) byDay.set(slot.date, [...(byDay.get(slot.date) ?? []), slot.time]);
  const at = language === "ru" ? "в" : "at";
  return listOf(
    [...byDay].map(([date, times]) => `${spokenDate(date, language)} ${at} ${listOf(times, language)}`),
    language,
  );
}

export const say = {
  closed: (date: string, open: string, language: Language) =>
    language === "ru"
      ? `В этот день клиника закрыта (${spokenDate(date, "ru")}). Ближайший рабочий день: ${spokenDate(open, "ru")}.`
      : `We're closed on ${spokenDate(date, "en")}. The next day we're open is ${spokenDate(open, "en")}.`,
  offer: (slots: Slot[], language: Language) =>
    language === "ru"
      ? `Могу предложить: ${offeredTimes(slots, "ru")}. Какое время вам удобно?`
      : `I can offer ${offeredTimes(slots, "en")}. Which would suit you?`,
  requestedFree: (slot: Slot, language: Language) =>
    language === "ru"
      ? `Это время свободно: ${spokenDate(slot.date, "ru")}, ${slot.time}.`
      : `${capitalise(spokenDate(slot.date, "en"))} at ${slot.time} is free.`,
  requestedTaken: (slot: Slot, language: Language) =>
    language === "ru" ? `В ${slot.time} уже занято.` : `${slot.time} is not free, I'm afraid.`,
  noTimes: (language: Language) =>
    language === "ru"
      ? "К сожалению, свободного времени в ближайшие дни нет. Я могу передать ваш запрос команде клиники."
      : "I'm sorry, there is no free time in the next few days. I can pass your request to the clinic's team.",
  askName: (language: Language) =>
    language === "ru" ? "Как вас зовут? Назовите, пожалуйста, имя и фамилию." : "May I have your full name, please?",
  booked: (name: string, slot: Slot, language: Language) =>
    language === "ru"
      ? `Спасибо, ${firstName(name)}. Вы записаны: ${spokenDate(slot.date, "ru")}, ${slot.time}.`
      : `Thank you, ${firstName(name)}. You're booked for ${spokenDate(slot.date, "en")} at ${slot.time}.`,
  bookingRefused: (language: Language) =>
    language === "ru" ? "Это время, к сожалению, только что стало недоступно." : "I'm sorry, that time has just become unavailable.",
  pickAgain: (language: Language) =>
    language === "ru" ? "Какое из предложенных времён вам подходит?" : "Which of those times would suit you?",
  toolFailed: (language: Language) =>
    language === "ru" ? "Извините, сейчас не получилось это сделать." : "Sorry, I could not do that just now.",
  notUnderstood: (language: Language) =>
    language === "ru"
      ? "Извините, я не совсем поняла. Можете сказать иначе?"
      : "Sorry, I did not quite catch that. Could you say it another way?",
  passOn: (language: Language) =>
    language === "ru"
      ? "Я передам ваш вопрос команде клиники, и вам перезвонят."
      : "I'll pass your question to the clinic's team and they'll call you back.",
  nobodyToTransfer: (closed: boolean, language: Language) =>
    language === "ru"
      ? `${closed ? "Клиника сейчас закрыта, и соединить вас не с кем." : "Сейчас никто не может подойти к телефону."} Я передала ваше сообщение команде, вам перезвонят.`
      : `${closed ? "The clinic is closed right now, so there is nobody to put you through to." : "Nobody can come to the phone right now."} I've passed your message to the team and they'll call you back.`,
  messageTaken: (language: Language) =>
    language === "ru"
      ? "Я передала ваше сообщение команде, вам перезвонят."
      : "I've passed your message to the team and they'll call you back.",
  niceToMeet: (name: string, language: Language) =>
    language === "ru"
      ? `Приятно познакомиться, ${firstName(name)}. Чем могу помочь?`
      : `Nice to meet you, ${firstName(name)}. How can I help?`,
};

function firstName(name: string): string {
  return name.split(/\s+/)[0] ?? name;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The date with that month and day nearest on or after `from` (next year when it has passed). */
function dateNear(from: string, month: number, day: number): string {
  const year = Number(from.slice(0, 4));
  const candidate = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return candidate < addDays(from, -7) ? `${year + 1}${candidate.slice(4)}` : candidate;
}
