import { CalendarCheck, CalendarX, Mic, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { MessageKey } from "@/i18n/keys";
import type { CallLogDetail } from "@/lib/call-log-types";
import { useClinicTimeZone, ZoneSuffix } from "@/lib/clinic-time";
import { useFormatters } from "@/lib/formatters";
import { formatPhoneNumber } from "@/shared/phone-number";
import { CallTranscript } from "./call-transcript";
import { CallTransfers } from "./call-transfers";
import { OutcomeBadge } from "./outcome-badge";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

const costLabelKeys: Record<string, MessageKey> = {
  transport: "callDetail.costParts.transport",
  stt: "callDetail.costParts.stt",
  llm: "callDetail.costParts.llm",
  tts: "callDetail.costParts.tts",
  vapi: "callDetail.costParts.vapi",
};

/** Numbers of a Vapi cost breakdown worth showing ("stt", "llm", ...), in USD, with their label's key. */
function costLines(breakdown: unknown): [MessageKey, number][] {
  if (!breakdown || typeof breakdown !== "object" || Array.isArray(breakdown)) return [];
  return Object.entries(breakdown as Record<string, unknown>)
    .filter(([key, value]) => key in costLabelKeys && typeof value === "number")
    .map(([key, value]) => [costLabelKeys[key]!, value as number]);
}

/** Everything about one call: outcome, recording, summary, appointment, conversation, cost. */
export function CallDetailBody({ call }: { call: CallLogDetail }) {
  const { formatCaller, formatCost, formatDuration, formatFullDateTime, languageName } = useFormatters();
  const t = useTranslations();
  const timeZone = useClinicTimeZone();
  const explained = call.ended_reason_explained;
  const lines = costLines(call.cost_breakdown);
  const format = useFormatter();
  const day = (iso: string) => format.dateTime(new Date(iso), { timeZone, dateStyle: "long" });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <OutcomeBadge outcome={explained.outcome} />
        {call.language && <Badge>{languageName(call.language)}</Badge>}
        <span className="text-sm text-slate-500 tabular-nums">{formatDuration(call.duration_seconds)}</span>
      </div>

      <Section title={t("callDetail.outcome")}>
        <p className="text-sm text-slate-800">
          <span className="font-medium">{explained.label}.</span> {explained.description}
        </p>
        {call.failure_reason && (
          <p className="text-xs text-slate-500">{t("callDetail.technicalDetail", { detail: call.failure_reason })}</p>
        )}
      </Section>

      <Section title={call.recording.kind === "voicemail" ? t("callDetail.voicemail") : t("callDetail.recording")}>
        {call.recording.url ? (
          <>
            {/* biome-ignore lint/a11y/useMediaCaption: a phone recording has no caption track; the transcript above is its text. */}
            <audio controls preload="none" src={call.recording.url} className="w-full" aria-label={t("callDetail.recordingLabel")}>
              <a href={`${call.recording.url}?download=1`}>{t("callDetail.downloadRecording")}</a>
            </audio>
            <p className="flex flex-wrap justify-between gap-x-4 gap-y-1 text-xs text-slate-600">
              <span data-testid="recording-retention">
                {call.retention.recording_deletes_at
                  ? t("calls.retention.deletesOn", { date: day(call.retention.recording_deletes_at) })
                  : t("calls.retention.keptForever")}
              </span>
              <a href={`${call.recording.url}?download=1`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {t("calls.retention.download")}
              </a>
            </p>
          </>
        ) : call.recording.in_clinic_storage ? (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <ShieldCheck className="size-4 shrink-0" aria-hidden="true" />
            {t("privacy.calls.recordingInClinicStorage")}
          </p>
        ) : call.retention.recording_deleted_at ? (
          <p className="flex items-center gap-2 text-sm text-slate-600" data-testid="recording-retention">
            <Mic className="size-4" aria-hidden="true" />
            {t("calls.retention.deletedOn", { date: day(call.retention.recording_deleted_at) })}
          </p>
        ) : (
          <p className="flex items-center gap-2 text-sm text-slate-500">
            <Mic className="size-4" aria-hidden="true" />
            {t("callDetail.noRecording")}
          </p>
        )}
      </Section>

      {call.summary && (
        <Section title={t("callDetail.summary")}>
          <p className="text-sm leading-relaxed text-slate-800">{call.summary}</p>
        </Section>
      )}

      <Section title={t("callDetail.appointment")}>
        {call.appointment ? (
          <div className="flex items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50/60 px-3 py-2.5 text-sm">
            <CalendarCheck className="mt-0.5 size-4 text-emerald-600" aria-hidden="true" />
            <div className="space-y-0.5">
              <p className="font-medium text-slate-900">
                {formatFullDateTime(call.appointment.start_at, timeZone)}
                <ZoneSuffix />
              </p>
              <p className="text-slate-600">
                {[call.appointment.customer_name, call.appointment.customer_phone && formatPhoneNumber(call.appointment.customer_phone)]
                  .filter(Boolean)
                  .join(" · ") || call.appointment.summary}
              </p>
              {call.appointment.status !== "confirmed" && (
                <Badge tone={call.appointment.status === "cancelled" ? "danger" : "warning"}>
                  {call.appointment.status === "cancelled" ? t("callDetail.cancelled") : t("callDetail.syncing")}
                </Badge>
              )}
            </div>
          </div>
        ) : (
          <p className="flex items-center gap-2 text-sm text-slate-500">
            <CalendarX className="size-4" aria-hidden="true" />
            {t("callDetail.noAppointment")}
          </p>
        )}
      </Section>

      {call.transfers.length > 0 && <CallTransfers transfers={call.transfers} />}

      <Section title={t("callDetail.conversation")}>
        <CallTranscript turns={call.turns} />
      </Section>

      <Section title={t("callDetail.details")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-slate-500">{t("callDetail.caller")}</dt>
          <dd className="tabular-nums">
            {formatCaller(call.from_number)}
            {call.patient_id && (
              <Link href={`/dashboard/patients?patient=${call.patient_id}`} className="ml-2 text-sky-700 hover:underline">
                {t("callDetail.openPatient")}
              </Link>
            )}
          </dd>
          <dt className="text-slate-500">{t("callDetail.called")}</dt>
          <dd className="tabular-nums">{call.to_number ? formatPhoneNumber(call.to_number) : "—"}</dd>
          <dt className="text-slate-500">{t("callDetail.started")}</dt>
          <dd>
            {formatFullDateTime(call.started_at ?? call.created_at, timeZone)}
            <ZoneSuffix />
          </dd>
          <dt className="text-slate-500">{t("callDetail.cost")}</dt>
          <dd className="tabular-nums">
            {formatCost(call.cost)}
            {lines.length > 0 && (
              <span className="ml-2 text-xs text-slate-500">
                ({lines.map(([label, value]) => `${t(label)} ${formatCost(value)}`).join(", ")})
              </span>
            )}
          </dd>
          {call.success_evaluation !== null && (
            <>
              <dt className="text-slate-500">{t("callDetail.selfCheck")}</dt>
              <dd>
                {call.success_evaluation === "true"
                  ? t("callDetail.succeeded")
                  : call.success_evaluation === "false"
                    ? t("callDetail.didNotSucceed")
                    : call.success_evaluation}
              </dd>
            </>
          )}
          <dt className="text-slate-500">{t("callDetail.endedReason")}</dt>
          <dd className="font-mono text-xs break-all text-slate-600">{call.ended_reason ?? "—"}</dd>
        </dl>
        {call.structured_data !== null && (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-600">{t("callDetail.assistantNotes")}</summary>
            <pre className="mt-2 max-h-48 overflow-auto rounded-lg bg-slate-50 p-3 text-xs text-slate-700">
              {JSON.stringify(call.structured_data, null, 2)}
            </pre>
          </details>
        )}
      </Section>
    </div>
  );
}
