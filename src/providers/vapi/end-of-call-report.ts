import { MAX_CALL_SECONDS } from "../provider-values";
import type { RawEndOfCallReport } from "./raw-message-schemas";

/**
 * The end-of-call report in the shape we store, with Vapi's deprecations resolved:
 * `artifact.recording.*` first, then the deprecated `artifact.recordingUrl`/`stereoRecordingUrl`,
 * then 2024's top-level fields; `artifact.transcript`/`analysis.summary` before top-level ones.
 * `durationSeconds` is not in Vapi's report: it is `endedAt - startedAt`.
 */
export interface EndOfCallReport {
  endedReason: string;
  startedAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  transcript?: string;
  messages?: Record<string, unknown>[];
  summary?: string;
  structuredData?: Record<string, unknown>;
  successEvaluation?: string;
  recording: RecordingUrls;
  /** Total in USD. */
  cost?: number;
  costs?: { type: string; cost: number; [key: string]: unknown }[];
  costBreakdown?: Record<string, unknown>;
}

export interface RecordingUrls {
  stereoUrl?: string;
  combinedUrl?: string;
  assistantUrl?: string;
  customerUrl?: string;
}

export function normaliseEndOfCallReport(raw: RawEndOfCallReport): EndOfCallReport {
  const artifact = raw.artifact;
  const startedAt = raw.startedAt ?? raw.call.startedAt;
  const endedAt = raw.endedAt ?? raw.call.endedAt;
  const evaluation = raw.analysis?.successEvaluation;
  return {
    endedReason: raw.endedReason,
    startedAt,
    endedAt,
    durationSeconds: secondsBetween(startedAt, endedAt),
    transcript: artifact?.transcript ?? raw.transcript,
    messages: artifact?.messages ?? raw.messages,
    summary: raw.analysis?.summary ?? raw.summary,
    structuredData: raw.analysis?.structuredData,
    successEvaluation: evaluation === undefined ? undefined : String(evaluation),
    recording: {
      stereoUrl: artifact?.recording?.stereoUrl ?? artifact?.stereoRecordingUrl ?? raw.stereoRecordingUrl,
      combinedUrl: artifact?.recording?.mono?.combinedUrl ?? artifact?.recordingUrl ?? raw.recordingUrl,
      assistantUrl: artifact?.recording?.mono?.assistantUrl,
      customerUrl: artifact?.recording?.mono?.customerUrl,
    },
    cost: raw.cost ?? raw.call.cost,
    costs: raw.costs,
    costBreakdown: raw.call.costBreakdown,
  };
}

/** Whole seconds, rounded; undefined when either end is missing or unreadable, reversed, or over a week apart. */
function secondsBetween(start: string | undefined, end: string | undefined): number | undefined {
  if (!start || !end) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  const seconds = Math.round(ms / 1000);
  return seconds <= MAX_CALL_SECONDS ? seconds : undefined;
}
