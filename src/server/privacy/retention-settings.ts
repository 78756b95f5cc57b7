import { eq } from "drizzle-orm";
import type { Actor } from "@/server/actor";
import { recordAudit } from "@/server/audit/record-audit";
import { asUser, type Db } from "@/server/db/access";
import { retentionSettings } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { DEFAULT_AUDIT_LOG_DAYS, longer, type RetentionInput, type RetentionJson } from "./retention-schemas";

type Row = typeof retentionSettings.$inferSelect;

function toJson(row: Row | undefined): RetentionJson {
  return {
    recordings_days: row?.recordingsDays ?? null,
    transcripts_days: row?.transcriptsDays ?? null,
    metadata_days: row?.metadataDays ?? null,
    audit_log_days: row?.auditLogDays ?? DEFAULT_AUDIT_LOG_DAYS,
    updated_at: row ? row.updatedAt.toISOString() : null,
  };
}

/** Inside a caller's transaction: the clinic's retention (everything forever until an owner chooses). */
async function readRetention(tx: Db, organisationId: string): Promise<RetentionJson> {
  const [row] = await tx.select().from(retentionSettings).where(eq(retentionSettings.organisationId, organisationId));
  return toJson(row);
}

/** Any member (the Calls page says when recordings go). */
export function getRetention(actor: Actor): Promise<RetentionJson> {
  return asUser(actor, (tx) => readRetention(tx, actor.organisationId));
}

/**
 * Owners. Nothing may outlive what it belongs to: recordings no longer than transcripts, and
 * transcripts no longer than the call's record (422 on the field that breaks it). Audited
 * (retention.changed, before and after) in the same transaction.
 */
export async function updateRetention(actor: Actor, input: RetentionInput): Promise<RetentionJson> {
  if (longer(input.recordings_days, input.transcripts_days)) {
    throw new DomainError("invalid_input", "Recordings cannot be kept longer than transcripts and messages.", {
      fields: [{ path: "recordings_days", message: "must be no longer than transcripts_days" }],
    });
  }
  if (longer(input.transcripts_days, input.metadata_days)) {
    throw new DomainError("invalid_input", "Transcripts and messages cannot be kept longer than the calls' records.", {
      fields: [{ path: "transcripts_days", message: "must be no longer than metadata_days" }],
    });
  }
  return asUser(actor, async (tx) => {
    const before = await readRetention(tx, actor.organisationId);
    const values = {
      recordingsDays: input.recordings_days,
      transcriptsDays: input.transcripts_days,
      metadataDays: input.metadata_days,
      auditLogDays: input.audit_log_days,
      updatedBy: actor.userId,
    };
    const [row] = await tx
      .insert(retentionSettings)
      .values({ organisationId: actor.organisationId, ...values })
      .onConflictDoUpdate({ target: retentionSettings.organisationId, set: values })
      .returning();
    const after = toJson(row);
    const { updated_at: _before, ...from } = before;
    const { updated_at: _after, ...to } = after;
    if (JSON.stringify(from) !== JSON.stringify(to)) {
      await recordAudit(tx, {
        action: "retention.changed",
        objectType: "retention_settings",
        objectId: actor.organisationId,
        details: { from, to },
      });
    }
    return after;
  });
}
