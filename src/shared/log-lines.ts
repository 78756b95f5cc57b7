/**
 * Where pino's lines go: JSON lines as pino writes them, or with LOG_FORMAT=pretty (what
 * `npm start` picks outside production) one readable line each for a person at a terminal:
 * `10:04:31.118 INFO  incoming call answered  callSid=CA12… requestId=7f3a…`.
 * Decided per line from the environment, so a logger made at import time follows the start
 * script's choice. No worker thread (pino transports do not survive Next's bundling).
 */
export const logLines = {
  write(line: string): void {
    process.stdout.write(process.env.LOG_FORMAT === "pretty" ? prettyLogLine(line, process.stdout.isTTY === true) : line);
  },
};

const LEVELS: Record<number, [string, string]> = {
  10: ["TRACE", "\u001b[90m"],
  20: ["DEBUG", "\u001b[36m"],
  30: ["INFO ", "\u001b[32m"],
  40: ["WARN ", "\u001b[33m"],
  50: ["ERROR", "\u001b[31m"],
  60: ["FATAL", "\u001b[35m"],
};
const RESET = "\u001b[0m";
const DIM = "\u001b[2m";
const MAX_VALUE = 200;

/** One JSON log line as a readable line (ending in a newline); a line that is not JSON is kept as it is. */
export function prettyLogLine(line: string, colour = false): string {
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return line.endsWith("\n") ? line : `${line}\n`;
    entry = parsed as Record<string, unknown>;
  } catch {
    return line.endsWith("\n") ? line : `${line}\n`;
  }
  const { level, time, msg, ...fields } = entry;
  const [label, tint] = LEVELS[typeof level === "number" ? level : 30] ?? ["INFO ", ""];
  const clock = typeof time === "number" ? new Date(time).toISOString().slice(11, 23) : "";
  const details = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${valueText(value)}`)
    .join(" ");
  const head = colour ? `${DIM}${clock}${RESET} ${tint}${label}${RESET}` : `${clock} ${label}`;
  const text = typeof msg === "string" ? msg : "";
  const tail = details ? (colour ? `  ${DIM}${details}${RESET}` : `  ${details}`) : "";
  return `${head} ${text}${tail}\n`;
}

function valueText(value: unknown): string {
  const text = typeof value === "string" ? (/[\s"=]/.test(value) || value === "" ? JSON.stringify(value) : value) : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
