import { type Actor, asUser } from "@/server/db/access";
import { explainEndedReason } from "@/shared/ended-reasons";
import { type CallLogJson, callLogFields, toCallLogJson } from "./call-log-json";
import { clinicTimeZone } from "./clinic-time-zone";
import { csvRow } from "./csv";
import type { CallCursor } from "./cursor";
import { listParams } from "./list-call-logs";
import { type ListCallsParams, listCallsQuery } from "./list-calls-query";
import type { CallLogsExportQuery } from "./schemas";

/** Rows per database round trip; each batch is its own short transaction. */
export const EXPORT_BATCH_SIZE = 500;

const header = [...callLogFields, "outcome", "ended_reason_explained"];

function csvLine(call: CallLogJson): string {
  const explained = explainEndedReason(call.status, call.ended_reason);
  return csvRow([...callLogFields.map((field) => call[field]), explained.outcome, explained.label]);
}

/**
 * The calls matching the filters as CSV, newest first, streamed: batches are read (as the
 * member, under RLS) only as fast as the client downloads. Validation errors (bad range)
 * surface before the response starts, as a 422.
 */
export async function exportCallLogsCsv(actor: Actor, query: CallLogsExportQuery): Promise<ReadableStream<Uint8Array>> {
  const { organisationId } = actor;
  const params: Omit<ListCallsParams, "limit"> = await asUser(actor, async (tx) =>
    listParams(organisationId, query, await clinicTimeZone(tx, organisationId)),
  );
  const encoder = new TextEncoder();
  let cursor: CallCursor | undefined;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark, so Excel reads Cyrillic summaries as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(header)}`));
    },
    async pull(controller) {
      if (done) return;
      const { rows } = await asUser(actor, (tx) => tx.execute(listCallsQuery({ ...params, cursor, limit: EXPORT_BATCH_SIZE })));
      const batch = rows.map(toCallLogJson);
      if (batch.length > 0) controller.enqueue(encoder.encode(batch.map(csvLine).join("")));
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
