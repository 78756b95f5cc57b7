import { eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { assistantSettings, organisations } from "@/server/db/schema";

export interface PrivacyStatus {
  /** "hipaa": recordings of calls are kept only in the clinic's own storage (decision 022). */
  complianceMode: "standard" | "hipaa";
  /** When the whole clinic will be erased, while an owner's request is pending. */
  erasureDueAt: Date | null;
}

/** Any member: what every dashboard page may need to say about the clinic's privacy state. */
export async function getPrivacyStatus(actor: Actor): Promise<PrivacyStatus> {
  return asUser(actor, async (tx) => {
    const [row] = await tx
      .select({ complianceMode: assistantSettings.complianceMode, erasureDueAt: organisations.erasureDueAt })
      .from(organisations)
      .leftJoin(assistantSettings, eq(assistantSettings.organisationId, organisations.id))
      .where(eq(organisations.id, actor.organisationId));
    return { complianceMode: row?.complianceMode ?? "standard", erasureDueAt: row?.erasureDueAt ?? null };
  });
}
