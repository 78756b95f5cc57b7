import { and, eq, sql } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { dataExports } from "@/server/db/schema";
import { defineJob } from "@/server/jobs/job-definition";
import { jobTypes, PRIVACY_EXPORT_RETRY_LIMIT } from "@/server/jobs/job-types";
import { log } from "@/server/log";
import { buildOrganisationExport } from "./build-export";

/** How long a finished export can be downloaded. */
const EXPORT_LIFETIME_HOURS = 24;

/**
 * Builds an owner's requested export (privacy.export): reads the organisation's tables in one
 * service transaction (a consistent snapshot), stores the zip on its data_exports row and starts
 * its 24 hours. Idempotent: a row that is no longer pending is left alone. After the last
 * attempt fails, the row says failed so the owner can ask again.
 */
export const privacyExportJob = defineJob(jobTypes["privacy.export"], async ({ organisationId, exportId }, context) => {
  try {
    await buildExport(organisationId, exportId, new Date());
  } catch (error) {
    if (context.retryCount >= PRIVACY_EXPORT_RETRY_LIMIT) {
      await asService((tx) =>
        tx
          .update(dataExports)
          .set({ status: "failed", completedAt: new Date() })
          .where(and(eq(dataExports.organisationId, organisationId), eq(dataExports.id, exportId), eq(dataExports.status, "pending"))),
      );
      log.warn({ organisationId, exportId }, "data export failed after its last attempt");
    }
    throw error;
  }
});

export async function buildExport(organisationId: string, exportId: string, now: Date): Promise<boolean> {
  return asService(async (tx) => {
    const { rows } = await tx.execute(sql`
      select status from public.data_exports
      where organisation_id = ${organisationId}::uuid and id = ${exportId}::uuid for update`);
    if (rows[0]?.status !== "pending") return false;
    const { zip, tables } = await buildOrganisationExport(tx, { organisationId, exportId, at: now });
    const stamp = now.toISOString().slice(0, 10);
    await tx.execute(sql`
      update public.data_exports set status = 'ready', content = ${zip}, size_bytes = ${zip.length},
        file_name = ${`clinicall-export-${stamp}.zip`}, completed_at = ${now.toISOString()}::timestamptz,
        expires_at = ${new Date(now.getTime() + EXPORT_LIFETIME_HOURS * 3_600_000).toISOString()}::timestamptz
      where organisation_id = ${organisationId}::uuid and id = ${exportId}::uuid`);
    log.info({ organisationId, exportId, bytes: zip.length, tables: tables.length }, "data export ready");
    return true;
  });
}
