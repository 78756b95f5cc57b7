import { and, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { type CallStatus, calls } from "@/server/db/schema";

/**
 * Service path. Moves a call's status forward only (queued < ringing < in-progress < forwarding
 * < ended | failed): a late "ringing" never overwrites "ended". Idempotent. Returns whether a row
 * matched `where` at all.
 */
export async function advanceCallStatus(
  tx: Db,
  where: SQL,
  status: CallStatus,
  extra: { endedReason?: string | null; durationSeconds?: number | null } = {},
): Promise<boolean> {
  const [found] = await tx.select({ id: calls.id }).from(calls).where(where);
  if (!found) return false;
  await tx
    .update(calls)
    .set({
      status,
      ...(extra.endedReason && { endedReason: sql`coalesce(${calls.endedReason}, ${extra.endedReason})` }),
      ...(extra.durationSeconds != null && {
        durationSeconds: sql`coalesce(${calls.durationSeconds}, ${extra.durationSeconds})`,
      }),
    })
    .where(and(eq(calls.id, found.id), sql`public.call_status_rank(${calls.status}) < public.call_status_rank(${status})`));
  return true;
}

/**
 * The call Vapi means: by its Vapi call id; or, only while no call carries that id and only for a
 * call not yet handed to Vapi (no Vapi id of its own), by our id in the assistant's metadata
 * (same organisation). Once a call has been handed to Vapi its messages are matched by the Vapi
 * id alone: metadata naming another call, or another clinic's, moves nothing there.
 */
export function vapiCallMatch(vapiCallId: string, metadata?: Record<string, unknown>): SQL {
  const ourId = typeof metadata?.call_id === "string" ? metadata.call_id : undefined;
  const orgId = typeof metadata?.organisation_id === "string" ? metadata.organisation_id : undefined;
  const uuid = /^[0-9a-f-]{36}$/i;
  if (ourId && orgId && uuid.test(ourId) && uuid.test(orgId)) {
    return or(
      eq(calls.vapiCallId, vapiCallId),
      and(
        eq(calls.id, ourId),
        eq(calls.organisationId, orgId),
        isNull(calls.vapiCallId),
        sql`not exists (select 1 from public.calls as handed where handed.vapi_call_id = ${vapiCallId})`,
      ),
    )!;
  }
  return eq(calls.vapiCallId, vapiCallId);
}
