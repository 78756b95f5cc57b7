import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { loginFailures } from "@/server/db/schema";

/** More than this many failed logins for one email inside the window → 429 until it passes. */
export const MAX_FAILURES = 10;
const window = sql.raw(`interval '15 minutes'`);

export async function isThrottled(tx: Db, email: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.failedAt, sql`now() - ${window}`)));
  return (row?.n ?? 0) >= MAX_FAILURES;
}

export async function recordFailure(tx: Db, email: string): Promise<void> {
  await tx.insert(loginFailures).values({ email });
  // Keep the table small: failures older than a day matter to nobody.
  await tx.delete(loginFailures).where(and(eq(loginFailures.email, email), lt(loginFailures.failedAt, sql`now() - interval '1 day'`)));
}
