import { randomUUID } from "node:crypto";
import type { PgInsertValue } from "drizzle-orm/pg-core";
import type { Db } from "@/server/db/connection";
import { calls } from "@/server/db/schema";

/** Column values; any may be SQL (e.g. a timestamp with microseconds). */
export type CallValues = Partial<PgInsertValue<typeof calls>>;

/**
 * Inserts many calls of one organisation in a single statement (the service path, as the
 * webhooks write them). Each gets unique provider ids; `each(i)` supplies its columns.
 */
export async function seedCalls(db: Db, organisationId: string, count: number, each: (i: number) => CallValues = () => ({})) {
  const rows = Array.from({ length: count }, (_, i) => ({
    twilioCallSid: `CA${randomUUID().replace(/-/g, "")}`,
    vapiCallId: randomUUID(),
    fromNumber: "+15557770000",
    status: "ended" as const,
    endedReason: "customer-ended-call",
    ...each(i),
    organisationId,
  }));
  const inserted: (typeof calls.$inferSelect)[] = [];
  for (let start = 0; start < rows.length; start += 500) {
    inserted.push(
      ...(await db
        .insert(calls)
        .values(rows.slice(start, start + 500))
        .returning()),
    );
  }
  return inserted;
}
