import type { MessageKey } from "@/i18n/keys";
import type { CallOutcome } from "@/shared/ended-reasons";

/** Catalogue keys of the call outcomes (src/shared/ended-reasons.ts keeps the English for the server). */
export const outcomeLabelKeys = {
  completed: "calls.outcome.completed",
  transferred: "calls.outcome.transferred",
  missed: "calls.outcome.missed",
  failed: "calls.outcome.failed",
  in_progress: "calls.outcome.in_progress",
} as const satisfies Record<CallOutcome, MessageKey>;
