import { PhoneForwarded } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { MessageKey } from "@/i18n/keys";
import type { CallLogDetail } from "@/lib/call-log-types";
import { useFormatters } from "@/lib/formatters";
import { formatPhoneNumber } from "@/shared/phone-number";

type Transfer = CallLogDetail["transfers"][number];

const kindKeys = {
  assistant: "calls.transfers.kind.assistant",
  ring_first: "calls.transfers.kind.ringFirst",
  emergency: "calls.transfers.kind.emergency",
  after_hours: "calls.transfers.kind.afterHours",
  fallback: "calls.transfers.kind.fallback",
} satisfies Record<Transfer["kind"], MessageKey>;

const statusKeys = {
  requested: "calls.transfers.status.ringing",
  dialing: "calls.transfers.status.ringing",
  answered: "calls.transfers.status.answered",
  no_answer: "calls.transfers.status.noAnswer",
  failed: "calls.transfers.status.failed",
} satisfies Record<Transfer["status"], MessageKey>;

const fallbackKeys = {
  voicemail: "calls.transfers.fallback.voicemail",
  callback: "calls.transfers.fallback.callback",
  assistant: "calls.transfers.fallback.assistant",
  hangup: "calls.transfers.fallback.hangup",
} satisfies Record<NonNullable<Transfer["fallback"]>, MessageKey>;

/** Each time the call was put through to the team: who was rung, who took it and for how long, or what the caller got instead. */
export function CallTransfers({ transfers }: { transfers: Transfer[] }) {
  const t = useTranslations();
  const { formatDuration } = useFormatters();
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("calls.transfers.title")}</h3>
      <ul className="space-y-2">
        {transfers.map((transfer) => (
          <li key={transfer.id} className="flex items-start gap-2 text-sm text-slate-800">
            <PhoneForwarded className="mt-0.5 size-4 shrink-0 text-slate-500" aria-hidden="true" />
            <div className="space-y-1">
              <p>
                <span className="font-medium">{t(kindKeys[transfer.kind])}</span>
                {transfer.reason ? ` · ${transfer.reason}` : ""}
              </p>
              <p className="text-slate-600">
                {t("calls.transfers.rang", {
                  names: transfer.destinations.map((d) => d.name || formatPhoneNumber(d.number)).join(", "),
                })}
              </p>
              <div className="flex flex-wrap items-center gap-2">
                {transfer.answered_by ? (
                  <Badge tone="success">
                    {t("calls.transfers.answeredBy", {
                      name: transfer.answered_by.name || formatPhoneNumber(transfer.answered_by.number),
                      duration: formatDuration(transfer.duration_seconds),
                    })}
                  </Badge>
                ) : (
                  <Badge tone={transfer.status === "dialing" || transfer.status === "requested" ? "neutral" : "warning"}>
                    {t(statusKeys[transfer.status])}
                  </Badge>
                )}
                {transfer.fallback && !transfer.answered_by && (
                  <span className="text-xs text-slate-600">{t(fallbackKeys[transfer.fallback])}</span>
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
