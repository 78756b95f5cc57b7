import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/access";
import { organisations } from "@/server/db/schema";

/** The clinic's IANA timezone, read in the caller's transaction (RLS applies). */
export async function clinicTimeZone(tx: Db, organisationId: string): Promise<string> {
  const [row] = await tx.select({ timezone: organisations.timezone }).from(organisations).where(eq(organisations.id, organisationId));
  return row?.timezone ?? "UTC";
}
