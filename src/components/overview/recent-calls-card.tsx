import { ArrowRight, PhoneIncoming } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { OutcomeBadge } from "@/components/calls/outcome-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { CallLog } from "@/lib/call-log-types";
import { ClinicZoneNote } from "@/lib/clinic-time";
import { useFormatters } from "@/lib/formatters";
import { callOutcome, explainEndedReason } from "@/shared/ended-reasons";

/** The five newest calls, each linking to its details on the Calls page. */
export function RecentCallsCard({ calls, timeZone }: { calls: CallLog[]; timeZone: string }) {
  const { formatCallTime, formatCaller, formatDuration } = useFormatters();
  const t = useTranslations();
  return (
    <Card>
      <CardHeader
        as="h2"
        title={t("overview.recent.title")}
        actions={
          calls.length > 0 && (
            <Link href="/dashboard/calls" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
              {t("overview.recent.all")} <ArrowRight className="size-3.5" aria-hidden="true" />
            </Link>
          )
        }
      />
      {calls.length === 0 ? (
        <EmptyState
          variant="plain"
          icon={PhoneIncoming}
          title={t("overview.recent.emptyTitle")}
          description={t("overview.recent.emptyDescription")}
          compact
          titleAs="h3"
        />
      ) : (
        <>
          <ClinicZoneNote className="px-5 pt-3 text-xs text-slate-500" />
          <ul className="mt-3 divide-y divide-slate-100" aria-label={t("overview.recent.title")}>
            {calls.map((call) => (
              <li key={call.id}>
                <Link
                  href={`/dashboard/calls?call=${call.id}`}
                  className="block px-5 py-3 transition-colors hover:bg-slate-50"
                  data-testid="recent-call"
                >
                  <div className="flex items-center justify-between gap-2">
                    <span className="truncate text-sm font-medium text-slate-900 tabular-nums">{formatCaller(call.from_number)}</span>
                    <OutcomeBadge outcome={callOutcome(call.status, call.ended_reason)} />
                  </div>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {formatCallTime(call.created_at, timeZone)} · {formatDuration(call.duration_seconds)}
                  </p>
                  <p className="mt-1 line-clamp-2 text-sm text-slate-600">
                    {call.summary ?? explainEndedReason(call.status, call.ended_reason, t).label}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
