import { CalendarCheck, CalendarX, Mic } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { formatCaller, formatCost, formatDuration, formatFullDateTime, languageNames } from "@/lib/call-format";
import type { CallLogDetail } from "@/lib/call-log-types";
import { useClinicTimeZone, ZoneSuffix } from "@/lib/clinic-time";
import { formatPhoneNumber } from "@/shared/phone-number";
import { CallTranscript } from "./call-transcript";
import { OutcomeBadge } from "./outcome-badge";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** Numbers of a Vapi cost breakdown worth showing ("stt", "llm", ...), in USD. */
function costLines(breakdown: unknown): [string, number][] {
  if (!breakdown || typeof breakdown !== "object" || Array.isArray(breakdown)) return [];
  const labels: Record<string, string> = {
    transport: "Phone line",
    stt: "Speech to text",
    llm: "Language model",
    tts: "Voice",
    vapi: "Vapi",
  };
  return Object.entries(breakdown as Record<string, unknown>)
    .filter(([key, value]) => key in labels && typeof value === "number")
    .map(([key, value]) => [labels[key]!, value as number]);
}

/** Everything about one call: outcome, recording, summary, appointment, conversation, cost. */
export function CallDetailBody({ call }: { call: CallLogDetail }) {
  const timeZone = useClinicTimeZone();
  const explained = call.ended_reason_explained;
  const lines = costLines(call.cost_breakdown);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <OutcomeBadge outcome={explained.outcome} />
        {call.language && <Badge>{languageNames[call.language] ?? call.language}</Badge>}
        <span className="text-sm text-slate-500 tabular-nums">{formatDuration(call.duration_seconds)}</span>
      </div>

      <Section title="Outcome">
        <p className="text-sm text-slate-800">
          <span className="font-medium">{explained.label}.</span> {explained.description}
        </p>
        {call.failure_reason && <p className="text-xs text-slate-500">Technical detail: {call.failure_reason}</p>}
      </Section>

      <Section title={call.recording.kind === "voicemail" ? "Voicemail" : "Recording"}>
        {call.recording.url ? (
          // biome-ignore lint/a11y/useMediaCaption: a phone recording has no caption track; the transcript above is its text.
          <audio controls preload="none" src={call.recording.url} className="w-full" aria-label="Call recording">
            <a href={call.recording.url}>Download the recording</a>
          </audio>
        ) : (
          <p className="flex items-center gap-2 text-sm text-slate-500">
            <Mic className="size-4" aria-hidden="true" />
            No recording for this call.
          </p>
        )}
      </Section>

      {call.summary && (
        <Section title="Summary">
          <p className="text-sm leading-relaxed text-slate-800">{call.summary}</p>
        </Section>
      )}

      <Section title="Appointment">
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
                  {call.appointment.status === "cancelled" ? "Cancelled" : "Syncing to calendar"}
                </Badge>
              )}
            </div>
          </div>
        ) : (
          <p className="flex items-center gap-2 text-sm text-slate-500">
            <CalendarX className="size-4" aria-hidden="true" />
            No appointment was booked on this call.
          </p>
        )}
      </Section>

      <Section title="Conversation">
        <CallTranscript turns={call.turns} />
      </Section>

      <Section title="Details">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-slate-500">Caller</dt>
          <dd className="tabular-nums">
            {formatCaller(call.from_number)}
            {call.patient_id && (
              <Link href={`/dashboard/patients?patient=${call.patient_id}`} className="ml-2 text-sky-700 hover:underline">
                Open patient
              </Link>
            )}
          </dd>
          <dt className="text-slate-500">Called</dt>
          <dd className="tabular-nums">{call.to_number ? formatPhoneNumber(call.to_number) : "—"}</dd>
          <dt className="text-slate-500">Started</dt>
          <dd>
            {formatFullDateTime(call.started_at ?? call.created_at, timeZone)}
            <ZoneSuffix />
          </dd>
          <dt className="text-slate-500">Cost</dt>
          <dd className="tabular-nums">
            {formatCost(call.cost)}
            {lines.length > 0 && (
              <span className="ml-2 text-xs text-slate-500">
                ({lines.map(([label, value]) => `${label} ${formatCost(value)}`).join(", ")})
              </span>
            )}
          </dd>
          {call.success_evaluation !== null && (
            <>
              <dt className="text-slate-500">Assistant&apos;s own check</dt>
              <dd>
                {call.success_evaluation === "true"
                  ? "Succeeded"
                  : call.success_evaluation === "false"
                    ? "Did not succeed"
                    : call.success_evaluation}
              </dd>
            </>
          )}
          <dt className="text-slate-500">Ended reason</dt>
          <dd className="font-mono text-xs break-all text-slate-600">{call.ended_reason ?? "—"}</dd>
        </dl>
        {call.structured_data !== null && (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-600">What the assistant noted</summary>
            <pre className="mt-2 max-h-48 overflow-auto rounded-lg bg-slate-50 p-3 text-xs text-slate-700">
              {JSON.stringify(call.structured_data, null, 2)}
            </pre>
          </details>
        )}
      </Section>
    </div>
  );
}
