import { Badge, type BadgeTone } from "@/components/ui/badge";
import { type CallOutcome, outcomeLabels } from "@/shared/ended-reasons";

const outcomeTones: Record<CallOutcome, BadgeTone> = {
  completed: "success",
  transferred: "info",
  missed: "warning",
  failed: "danger",
  in_progress: "brand",
};

/** Hex colours of the outcomes for charts, matching the badge tones. */
export const outcomeColours: Record<CallOutcome, string> = {
  completed: "#10b981",
  transferred: "#0ea5e9",
  missed: "#f59e0b",
  failed: "#ef4444",
  in_progress: "#13a47a",
};

export function OutcomeBadge({ outcome, title }: { outcome: CallOutcome; title?: string }) {
  return (
    <Badge tone={outcomeTones[outcome]} dot title={title}>
      {outcomeLabels[outcome]}
    </Badge>
  );
}
