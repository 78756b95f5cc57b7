import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { outcomeLabelKeys } from "@/lib/outcome-label-keys";
import type { CallOutcome } from "@/shared/ended-reasons";

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
  const t = useTranslations();
  return (
    <Badge tone={outcomeTones[outcome]} dot title={title}>
      {t(outcomeLabelKeys[outcome])}
    </Badge>
  );
}
