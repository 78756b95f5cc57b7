import type { Locale } from "@/i18n/locales";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { translatorFor } from "@/server/i18n/translator";
import { utcToZoned } from "@/server/working-hours/zoned-time";
import { type EndedReasonExplanation, explainEndedReason, type Translate } from "@/shared/ended-reasons";
import { type CallLogJson, toCallLogJson } from "./call-log-json";
import { clinicTimeZone } from "./clinic-time-zone";
import { csvCell, csvPhoneCell, csvRow } from "./csv";
import type { CallCursor } from "./cursor";
import { listParams } from "./list-call-logs";
import { type ListCallsParams, listCallsQuery } from "./list-calls-query";
import type { CallLogsExportQuery } from "./schemas";

/** Rows per database round trip; each batch is its own short transaction. */
export const EXPORT_BATCH_SIZE = 500;

/** Plain column headers, in the order of csvLine's cells. */
const CSV_HEADER = [
  "Date and time",
  "Time zone",
  "Caller",
  "Number called",
  "Outcome",
  "What happened",
  "Duration (seconds)",
  "Summary",
  "Language",
  "Cost (USD)",
  "Appointment booked",
  "Status",
  "Ended reason",
  "Call ID",
  "Appointment ID",
];

/** "UTC+01:00", "UTC-04:00", "UTC+05:45". */
function utcOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

type Explain = (status: string, endedReason: string | null) => EndedReasonExplanation;

/**
 * explainEndedReason, remembered per (status, ended reason) for one export: the translator costs
 * some 10 µs a call, and an export repeats a few dozen pairs over thousands of rows, in batches
 * that hold the event loop the phone's webhooks share.
 */
function rememberedExplain(t: Translate): Explain {
  const seen = new Map<string, EndedReasonExplanation>();
  return (status, endedReason) => {
    const key = `${status}\u0000${endedReason ?? ""}\u0000${endedReason === null}`;
    let explained = seen.get(key);
    if (!explained) {
      if (seen.size >= 1000) seen.clear(); // a provider's odd reasons never grow it without bound
      explained = explainEndedReason(status, endedReason, t);
      seen.set(key, explained);
    }
    return explained;
  };
}

/**
 * One call: its time on the clinic's clock ("2026-03-04 10:00:00", which spreadsheets read as a
 * date and time) with the zone and that moment's offset beside it ("Europe/London (UTC+00:00)",
 * so an hour repeated when clocks go back stays unambiguous), phone numbers kept intact.
 */
function csvLine(call: CallLogJson, timeZone: string, explain: Explain): string {
  const explained = explain(call.status, call.ended_reason);
  const at = utcToZoned(new Date(call.created_at), timeZone);
  const cells = [
    csvCell(`${at.date} ${at.time}:${String(at.second).padStart(2, "0")}`),
    csvCell(`${timeZone} (${utcOffset(at.offsetMinutes)})`),
    csvPhoneCell(call.from_number),
    csvPhoneCell(call.to_number),
    csvCell(explained.outcome),
    csvCell(explained.label),
    csvCell(call.duration_seconds),
    csvCell(call.summary),
    csvCell(call.language),
    csvCell(call.cost),
    csvCell(call.appointment_id ? "yes" : "no"),
    csvCell(call.status),
    csvCell(call.ended_reason),
    csvCell(call.id),
    csvCell(call.appointment_id),
  ];
  return `${cells.join(",")}\r\n`;
}

/**
 * The calls matching the filters as CSV, newest first, streamed: batches are read (as the
 * member, under RLS) only as fast as the client downloads. Validation errors (bad range)
 * surface before the response starts, as a 422.
 */
/** The headers stay English (a file other tools read); the outcome's explanation is in `locale`. */
export async function exportCallLogsCsv(
  actor: Actor,
  query: CallLogsExportQuery,
  locale: Locale = "en",
): Promise<ReadableStream<Uint8Array>> {
  const { organisationId } = actor;
  const explain = rememberedExplain(translatorFor(locale));
  const { params, timeZone } = await asUser(actor, async (tx) => {
    const zone = await clinicTimeZone(tx, organisationId);
    // The export is served from here on: the audit log records who took it and with which filters
    // (not the search words, which may name a patient).
    await recordAudit(tx, {
      action: "calls.exported",
      objectType: "calls",
      details: {
        from: query.from ?? null,
        to: query.to ?? null,
        status: query.status ?? null,
        outcome: query.outcome ?? null,
        search: Boolean(query.q),
      },
    });
    return { params: listParams(organisationId, query, zone) as Omit<ListCallsParams, "limit">, timeZone: zone };
  });
  const encoder = new TextEncoder();
  let cursor: CallCursor | undefined;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark, so Excel reads Cyrillic summaries as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(CSV_HEADER)}`));
    },
    async pull(controller) {
      if (done) return;
      const { rows } = await asUser(actor, (tx) => tx.execute(listCallsQuery({ ...params, cursor, limit: EXPORT_BATCH_SIZE })));
      const batch = rows.map(toCallLogJson);
      if (batch.length > 0) controller.enqueue(encoder.encode(batch.map((call) => csvLine(call, timeZone, explain)).join("")));
      const last = batch.at(-1);
      if (batch.length < EXPORT_BATCH_SIZE || !last) {
        done = true;
        controller.close();
        return;
      }
      cursor = { createdAt: last.created_at, id: last.id };
    },
  });
}
