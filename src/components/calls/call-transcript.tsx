import { Wrench } from "lucide-react";
import { useTranslations } from "next-intl";
import type { TranscriptTurn } from "@/lib/call-log-types";
import { cn } from "@/lib/cn";

function clock(seconds: number | null): string | null {
  if (seconds === null) return null;
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The conversation as chat bubbles: the receptionist on the left, the caller on the right. */
export function CallTranscript({ turns }: { turns: TranscriptTurn[] }) {
  const t = useTranslations();
  if (turns.length === 0) return <p className="text-sm text-slate-500">{t("callDetail.nothingSaid")}</p>;
  return (
    <ol className="space-y-3" aria-label={t("callDetail.transcript")} data-testid="call-transcript">
      {turns.map((turn, index) => {
        const at = clock(turn.seconds_from_start);
        if (turn.speaker === "tool") {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a transcript never changes order; a turn has no id of its own.
            <li key={index} className="flex items-start justify-center gap-1.5 px-6 text-center text-xs text-slate-500">
              <Wrench className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
              <span className="break-words">{turn.text}</span>
            </li>
          );
        }
        const caller = turn.speaker === "caller";
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a transcript never changes order; a turn has no id of its own.
          <li key={index} className={cn("flex flex-col", caller ? "items-end" : "items-start")}>
            <span className="mb-1 text-[11px] font-medium tracking-wide text-slate-500 uppercase">
              {caller ? t("callDetail.speakerCaller") : t("callDetail.speakerReceptionist")}
              {at && <span className="ml-1.5 font-normal normal-case tabular-nums">{at}</span>}
            </span>
            <p
              className={cn(
                "max-w-[85%] rounded-2xl px-3.5 py-2 text-sm leading-relaxed whitespace-pre-wrap",
                caller ? "rounded-br-sm bg-brand-600 text-white" : "rounded-bl-sm bg-slate-100 text-slate-800",
              )}
            >
              {turn.text}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
