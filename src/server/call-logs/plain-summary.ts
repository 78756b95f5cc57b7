import type { EndedReasonExplanation, Translate } from "@/shared/ended-reasons";
import type { TranscriptTurn } from "./transcript-turns";

export interface SummaryFacts {
  explained: EndedReasonExplanation;
  /** The call's events and lines (transcriptTurns). */
  turns: TranscriptTurn[];
  /** The reader's language (the same as the events' and the explanation's). */
  t: Translate;
}

const MAX_QUOTE = 160;

/**
 * A summary in plain words built from what happened, for a call the assistant did not summarise:
 * what the caller asked, what was booked (or why not), how the call ended. Never tool names.
 */
export function plainSummary({ explained, turns, t }: SummaryFacts): string | null {
  if (explained.outcome === "in_progress") return null;
  const sentences: string[] = [];
  const asked = turns.find((turn) => turn.speaker === "caller")?.text;
  if (asked) sentences.push(t("plainSummary.callerSaid", { quote: quote(asked) }));
  const events = turns.filter((turn) => turn.speaker === "tool");
  const booked = events.findLast((turn) => turn.event === "booked");
  const refused = events.findLast((turn) => turn.event === "not_booked");
  const checked = events.findLast((turn) => turn.event === "checked");
  if (booked) sentences.push(`${booked.text}.`);
  else if (refused) sentences.push(`${refused.text.replace(/\.$/, "")}.`);
  else if (checked) sentences.push(t("plainSummary.nothingBooked", { event: checked.text.replace(/\.$/, "") }));
  if (explained.outcome === "transferred") sentences.push(t("plainSummary.transferred"));
  else if (explained.outcome !== "completed" || sentences.length === 0) sentences.push(`${explained.label}.`);
  return sentences.join(" ");
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE - 1)}…` : line;
}
