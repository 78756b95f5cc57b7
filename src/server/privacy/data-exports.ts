import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, recordReadAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { dataExports } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { enqueue } from "@/server/jobs/enqueue";

export interface DataExportJson {
  id: string;
  status: "pending" | "ready" | "failed" | "expired";
  requested_at: string;
  completed_at: string | null;
  expires_at: string | null;
  size_bytes: number | null;
  /** The owner-only download link while the export is ready and not expired. */
  download_url: string | null;
}

const exportNotFound = () => new DomainError("not_found", "There is no such export of this clinic.");

export function exportIdParam(params: Record<string, string>): string {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw exportNotFound();
  return parsed.data;
}

type ExportRow = Pick<typeof dataExports.$inferSelect, "id" | "status" | "requestedAt" | "completedAt" | "expiresAt" | "sizeBytes">;

function toJson(row: ExportRow, now: Date): DataExportJson {
  const expired = row.status === "ready" && (!row.expiresAt || row.expiresAt <= now);
  const status = expired ? "expired" : row.status;
  return {
    id: row.id,
    status,
    requested_at: row.requestedAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    size_bytes: row.sizeBytes,
    download_url: status === "ready" ? `/api/privacy/exports/${row.id}/download` : null,
  };
}

const columns = {
  id: dataExports.id,
  status: dataExports.status,
  requestedAt: dataExports.requestedAt,
  completedAt: dataExports.completedAt,
  expiresAt: dataExports.expiresAt,
  sizeBytes: dataExports.sizeBytes,
};

/**
 * POST /api/privacy/exports (owners): a pending export and its job, in one transaction. While one
 * is still being built, asking again returns it instead of starting another.
 */
export async function requestDataExport(actor: Actor, now: Date): Promise<{ created: boolean; export: DataExportJson }> {
  return asUser(actor, async (tx) => {
    const [pending] = await tx
      .select(columns)
      .from(dataExports)
      .where(and(eq(dataExports.organisationId, actor.organisationId), eq(dataExports.status, "pending")))
      .limit(1);
    if (pending) return { created: false, export: toJson(pending, now) };
    const [row] = await tx
      .insert(dataExports)
      .values({ organisationId: actor.organisationId, requestedBy: actor.userId, status: "pending" })
      .returning(columns);
    await enqueue(tx, "privacy.export", { organisationId: actor.organisationId, exportId: row!.id }, { key: row!.id });
    await recordAudit(tx, { action: "data_export.requested", objectType: "data_export", objectId: row!.id });
    return { created: true, export: toJson(row!, now) };
  });
}

/** GET /api/privacy/exports (owners): the five most recent exports, newest first. */
export async function listDataExports(actor: Actor, now: Date): Promise<DataExportJson[]> {
  const rows = await asUser(actor, (tx) =>
    tx
      .select(columns)
      .from(dataExports)
      .where(eq(dataExports.organisationId, actor.organisationId))
      .orderBy(desc(dataExports.requestedAt), desc(dataExports.id))
      .limit(5),
  );
  return rows.map((row) => toJson(row, now));
}

/**
 * GET /api/privacy/exports/:id/download (owners): the zip while it is ready and younger than
 * its 24 hours; `gone` (410) once expired, `conflict` while it is still being built.
 */
export async function downloadDataExport(actor: Actor, id: string, now: Date): Promise<{ fileName: string; content: Buffer }> {
  const [row] = await asUser(actor, (tx) =>
    tx
      .select({
        status: dataExports.status,
        expiresAt: dataExports.expiresAt,
        fileName: dataExports.fileName,
        content: sql<Buffer | Uint8Array | null>`${dataExports.content}`,
      })
      .from(dataExports)
      .where(and(eq(dataExports.organisationId, actor.organisationId), eq(dataExports.id, id))),
  );
  if (!row) throw exportNotFound();
  if (row.status === "pending") {
    throw new DomainError("conflict", "This export is still being prepared. Try again in a minute.", { reason: "export_pending" });
  }
  if (row.status === "failed") throw new DomainError("gone", "This export failed. Ask for a new one.", { reason: "export_failed" });
  if (!row.expiresAt || row.expiresAt <= now || !row.content) {
    throw new DomainError("gone", "This export's link has expired (links last 24 hours). Ask for a new one.", { reason: "export_expired" });
  }
  const content = Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content);
  await recordReadAudit(actor, {
    action: "data_export.downloaded",
    objectType: "data_export",
    objectId: id,
    details: { bytes: content.length },
  });
  return { fileName: row.fileName ?? "clinicall-export.zip", content };
}
