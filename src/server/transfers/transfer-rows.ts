import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { callTransfers, type TransferDestination, type TransferKind } from "@/server/db/schema";

export type CallTransferRow = typeof callTransfers.$inferSelect;

export interface NewTransfer {
  organisationId: string;
  callId: string;
  kind: TransferKind;
  reason?: string | null;
  summary?: string | null;
  destinations: TransferDestination[];
}

const ACTIVE = ["requested", "dialing"] as const;

const cut = (value: string | null | undefined, max: number) => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the caller's words lose NUL and C0 controls
  const clean = (value ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  return clean ? clean.slice(0, max) : null;
};

/**
 * Service path. Starts a transfer for the call, or returns the one already in flight (one active
 * per call, a partial unique index): a retried tool call or a racing webhook never rings twice.
 */
export async function startTransfer(tx: Db, transfer: NewTransfer): Promise<{ row: CallTransferRow; created: boolean }> {
  const [created] = await tx
    .insert(callTransfers)
    .values({
      organisationId: transfer.organisationId,
      callId: transfer.callId,
      kind: transfer.kind,
      reason: cut(transfer.reason, 500),
      summary: cut(transfer.summary, 2000),
      destinations: transfer.destinations.slice(0, 10).map(({ name, number }) => ({ name: name.slice(0, 100), number })),
    })
    .onConflictDoNothing({
      target: [callTransfers.organisationId, callTransfers.callId],
      where: sql`status in ('requested', 'dialing')`,
    })
    .returning();
  if (created) return { row: created, created: true };
  const active = await activeTransfer(tx, transfer.organisationId, transfer.callId);
  if (!active) throw new Error("a transfer was in flight and then was not");
  return { row: active, created: false };
}

export async function activeTransfer(tx: Db, organisationId: string, callId: string): Promise<CallTransferRow | null> {
  const [row] = await tx
    .select()
    .from(callTransfers)
    .where(and(eq(callTransfers.organisationId, organisationId), eq(callTransfers.callId, callId), inArray(callTransfers.status, ACTIVE)));
  return row ?? null;
}

/** requested → dialing, once: true for the one caller that moved it (the job or the after-ai webhook). */
export async function markDialing(tx: Db, transfer: Pick<CallTransferRow, "id" | "organisationId">): Promise<boolean> {
  const rows = await tx
    .update(callTransfers)
    .set({ status: "dialing", dialedAt: new Date() })
    .where(
      and(
        eq(callTransfers.id, transfer.id),
        eq(callTransfers.organisationId, transfer.organisationId),
        eq(callTransfers.status, "requested"),
      ),
    )
    .returning({ id: callTransfers.id });
  return rows.length === 1;
}
