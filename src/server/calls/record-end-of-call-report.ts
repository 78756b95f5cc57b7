import { and, eq, sql } from "drizzle-orm";
import type { EndOfCallReport } from "@/providers/vapi/webhook-schemas";
import type { Db } from "@/server/db/access";
import { assistantSettings, calls, phoneNumbers } from "@/server/db/schema";
import { maxCounts, redactJson, redactText } from "@/server/privacy/redact";
import { vapiCallMatch } from "./advance-call-status";

const CYRILLIC = /[\u0400-\u04FF]/g;
const LATIN = /[A-Za-z]/g;

/** The language the caller mostly spoke, from their own turns (falls back to the whole transcript). */
function detectLanguage(report: EndOfCallReport): "en" | "ru" | null {
  const callerTurns = (report.messages ?? [])
    .filter((m) => m.role === "user" && typeof m.message === "string")
    .map((m) => String(m.message))
    .join(" ");
  const text = callerTurns || report.transcript || "";
  const cyrillic = text.match(CYRILLIC)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (cyrillic + latin === 0) return null;
  return cyrillic > latin ? "ru" : "en";
}

/**
 * With the clinic's redaction on, the transcript, messages, summary and structured data are stored
 * redacted and `redactions` counts per kind what was removed (the most found in any one field, as the
 * same card is in the transcript and the messages). The caller's number is a column of its own: kept.
 */
function redacted(report: EndOfCallReport, redact: boolean) {
  const stored = {
    transcript: report.transcript ?? null,
    messages: report.messages ?? null,
    summary: report.summary ?? null,
    structuredData: report.structuredData ?? null,
  };
  if (!redact) return { ...stored, redactions: null };
  const transcript = stored.transcript === null ? null : redactText(stored.transcript);
  const summary = stored.summary === null ? null : redactText(stored.summary);
  const messages = redactJson(stored.messages);
  const structuredData = redactJson(stored.structuredData);
  return {
    transcript: transcript?.text ?? null,
    messages: messages.value,
    summary: summary?.text ?? null,
    structuredData: structuredData.value,
    redactions: maxCounts(transcript?.counts ?? {}, summary?.counts ?? {}, messages.counts, structuredData.counts),
  };
}

function reportColumns(report: EndOfCallReport, redact: boolean) {
  const r = report.recording;
  return {
    ...redacted(report, redact),
    status: "ended" as const,
    endedReason: report.endedReason,
    startedAt: report.startedAt ? new Date(report.startedAt) : null,
    endedAt: report.endedAt ? new Date(report.endedAt) : null,
    durationSeconds: report.durationSeconds ?? null,
    successEvaluation: report.successEvaluation ?? null,
    recordingUrl: r.combinedUrl ?? r.stereoUrl ?? null,
    recordingUrls: {
      ...(r.stereoUrl && { stereo: r.stereoUrl }),
      ...(r.combinedUrl && { mono_combined: r.combinedUrl }),
      ...(r.assistantUrl && { mono_assistant: r.assistantUrl }),
      ...(r.customerUrl && { mono_customer: r.customerUrl }),
    },
    cost: report.cost === undefined ? null : report.cost.toFixed(4),
    costBreakdown: report.costBreakdown ?? (report.costs ? { costs: report.costs } : null),
    language: detectLanguage(report),
  };
}

/** Whether the clinic redacts what calls store (assistant settings; off without a row). */
export async function redactionOn(tx: Db, organisationId: string | null): Promise<boolean> {
  if (!organisationId || !/^[0-9a-f-]{36}$/i.test(organisationId)) return false;
  const [row] = await tx
    .select({ on: assistantSettings.redactPersonalData })
    .from(assistantSettings)
    .where(eq(assistantSettings.organisationId, organisationId));
  return row?.on ?? false;
}

/**
 * Service path. Stores the end-of-call report on its call: twice gives one row with the same
 * values. A report for a call we never saw creates the row when its metadata names a real
 * organisation and one of that organisation's numbers; otherwise nothing is written.
 */
export async function recordEndOfCallReport(
  tx: Db,
  vapiCallId: string,
  report: EndOfCallReport,
  metadata: Record<string, unknown> | undefined,
): Promise<"updated" | "created" | "unknown_call"> {
  const [known] = await tx.select({ organisationId: calls.organisationId }).from(calls).where(vapiCallMatch(vapiCallId, metadata));
  const metadataOrganisation = typeof metadata?.organisation_id === "string" ? metadata.organisation_id : null;
  const columns = reportColumns(report, await redactionOn(tx, known?.organisationId ?? metadataOrganisation));
  const updated = await tx
    .update(calls)
    .set({
      ...columns,
      vapiCallId,
      // ended and failed are both final: a report never turns "failed" back into "ended".
      status: sql`case when ${calls.status} = 'failed' then 'failed' else 'ended' end`,
      reportReceivedAt: sql`coalesce(${calls.reportReceivedAt}, now())`,
    })
    .where(vapiCallMatch(vapiCallId, metadata))
    .returning({ id: calls.id });
  if (updated.length > 0) return "updated";

  const organisationId = typeof metadata?.organisation_id === "string" ? metadata.organisation_id : null;
  const phoneNumberId = typeof metadata?.phone_number_id === "string" ? metadata.phone_number_id : null;
  const uuid = /^[0-9a-f-]{36}$/i;
  if (!organisationId || !phoneNumberId || !uuid.test(organisationId) || !uuid.test(phoneNumberId)) return "unknown_call";
  const [number] = await tx
    .select({ id: phoneNumbers.id, phoneNumber: phoneNumbers.phoneNumber })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.id, phoneNumberId), eq(phoneNumbers.organisationId, organisationId)));
  if (!number) return "unknown_call";
  const inserted = await tx
    .insert(calls)
    .values({
      ...columns,
      organisationId,
      phoneNumberId: number.id,
      vapiCallId,
      toNumber: number.phoneNumber,
      reportReceivedAt: new Date(),
    })
    .onConflictDoNothing({ target: calls.vapiCallId })
    .returning({ id: calls.id });
  return inserted.length > 0 ? "created" : "updated";
}
