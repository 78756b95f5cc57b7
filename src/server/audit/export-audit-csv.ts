import type { Actor } from "@/server/actor";
import { clinicTimeZone } from "@/server/call-logs/clinic-time-zone";
import { csvRow } from "@/server/call-logs/csv";
import { asUser } from "@/server/db/access";
import { utcToZoned } from "@/server/working-hours/zoned-time";
import { type AuditEventJson, type AuditFilters, auditPageQuery, emailsOf, filtersFor, toAuditEventJson } from "./list-audit-events";
import { recordAudit } from "./record-audit";
import type { AuditExportQuery } from "./schemas";

const AUDIT_EXPORT_BATCH_SIZE = 500;

const AUDIT_CSV_HEADER = [
  "Date and time",
  "Time zone",
  "Person",
  "Action",
  "Object",
  "Object ID",
  "Details",
  "IP address",
  "User agent",
  "Event ID",
];

function auditCsvLine(event: AuditEventJson, timeZone: string): string {
  const at = utcToZoned(new Date(event.created_at), timeZone);
  // Every cell through csvCell: details, user agents and object ids are text someone else chose,
  // and a cell starting with "=", "+", "-" or "@" is written so no spreadsheet runs it.
  return csvRow([
    `${at.date} ${at.time}:${String(at.second).padStart(2, "0")}`,
    timeZone,
    event.user ? (event.user.email ?? event.user.id) : "",
    event.action,
    event.object_type,
    event.object_id,
    Object.keys(event.details).length > 0 ? JSON.stringify(event.details) : "",
    event.ip_address,
    event.user_agent,
    event.id,
  ]);
}

/** Owners only. The export is itself audited (audit.exported), in the transaction that starts it. */
export async function exportAuditCsv(actor: Actor, query: AuditExportQuery): Promise<ReadableStream<Uint8Array>> {
  const { filters, timeZone } = await asUser(actor, async (tx) => {
    const zone = await clinicTimeZone(tx, actor.organisationId);
    const resolved = await filtersFor(tx, actor, query, AUDIT_EXPORT_BATCH_SIZE);
    await recordAudit(tx, {
      action: "audit.exported",
      objectType: "audit_log",
      details: { action: query.action ?? null, user_id: query.user_id ?? null, from: query.from ?? null, to: query.to ?? null },
    });
    return { filters: resolved, timeZone: zone };
  });
  const encoder = new TextEncoder();
  let cursor: AuditFilters["cursor"];
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(AUDIT_CSV_HEADER)}`));
    },
    async pull(controller) {
      if (done) return;
      const { rows } = await asUser(actor, (tx) => tx.execute(auditPageQuery({ ...filters, cursor })));
      const emails = await emailsOf(rows.flatMap((r) => (r.user_id ? [String(r.user_id)] : [])));
      const batch = rows.map((row) => toAuditEventJson(row, emails));
      if (batch.length > 0) controller.enqueue(encoder.encode(batch.map((event) => auditCsvLine(event, timeZone)).join("")));
      const last = batch.at(-1);
      if (batch.length < AUDIT_EXPORT_BATCH_SIZE || !last) {
        done = true;
        controller.close();
        return;
      }
      cursor = { createdAt: last.created_at, id: last.id };
    },
  });
}
