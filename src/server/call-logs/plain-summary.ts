import type { EndedReasonExplanation } from "@/shared/ended-reasons";
import type { TranscriptTurn } from "./transcript-turns";

export interface SummaryFacts {
  explained: EndedReasonExplanation;
  /** The call's events and lines (transcriptTurns). */
  turns: TranscriptTurn[];
}

const MAX_QUOTE = 160;

/**
 * A summary in plain words built from what happened, for a call the assistant did not summarise:
 * what the caller asked, what was booked (or why not), how the call ended. Never tool names.
 */
export function plainSummary({ explained, turns }: SummaryFacts): string | null {
  if (explained.outcome === "in_progress") return null;
  const sentences: string[] = [];
  const asked = turns.find((turn) => turn.speaker === "caller")?.text;
  if (asked) sentences.push(`The caller said: "${quote(asked)}".`);
  const events = turns.filter((turn) => turn.speaker === "tool");
  const booked = events.findLast((turn) => turn.text.startsWith("Booked "));
  const refused = events.findLast((turn) => turn.text.startsWith("Could not book "));
  const checked = events.findLast((turn) => turn.text.startsWith("Checked free times"));
  if (booked) sentences.push(`${booked.text}.`);
  else if (refused) sentences.push(`${refused.text.replace(/\.$/, "")}.`);
  else if (checked) sentences.push(`${checked.text.replace(/\.$/, "")}; nothing was booked.`);
  if (explained.outcome === "transferred") sentences.push("The call was transferred to the clinic's team.");
  else if (explained.outcome !== "completed" || sentences.length === 0) sentences.push(`${explained.label}.`);
  return sentences.join(" ");
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE - 1)}…` : line;
}
