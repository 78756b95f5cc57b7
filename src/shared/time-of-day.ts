/**
 * Wall-clock times of day as the API and the database carry them: "HH:MM", from "00:00" to
 * "23:59", plus "24:00" as the close of a range that runs to midnight.
 */
export const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const MINUTES_PER_DAY = 24 * 60;

/** Minutes since local midnight: "09:30" → 570, "24:00" → 1440. Throws on anything else. */
export function minutesOfDay(time: string): number {
  const hhmm = time.slice(0, 5);
  if (!TIME_OF_DAY.test(hhmm)) throw new RangeError(`not a time of day: ${time}`);
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** 570 → "09:30"; 1440 → "24:00". */
export function timeOfDay(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MINUTES_PER_DAY) {
    throw new RangeError(`not a number of minutes in a day: ${minutes}`);
  }
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Postgres `time` text ("09:30:00", "24:00:00") → "09:30". */
export function fromDatabaseTime(value: string): string {
  return timeOfDay(minutesOfDay(value));
}
