import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { phoneNumbers } from "@/server/db/schema";

/**
 * True if the clinic already lists `e164` (active or not), apart from `exceptId`. Runs in the
 * caller's transaction; two concurrent adds of one active number still meet the unique index.
 */
export async function clinicListsNumber(tx: Db, organisationId: string, e164: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: phoneNumbers.id })
    .from(phoneNumbers)
    .where(
      and(
        eq(phoneNumbers.organisationId, organisationId),
        eq(phoneNumbers.phoneNumber, e164),
        exceptId ? ne(phoneNumbers.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}
