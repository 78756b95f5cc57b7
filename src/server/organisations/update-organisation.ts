import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Membership } from "@/server/auth/current-user";
import { asUser } from "@/server/db/access";
import { organisations } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { toOrganisationJson } from "./get-organisation";
import type { UpdateOrganisationInput } from "./schemas";

/** Admin or owner: rename the clinic, pick its voice agent, or confirm/choose its time zone. RLS enforces the role too. */
export async function updateOrganisation(userId: string, org: Membership, input: z.infer<typeof UpdateOrganisationInput>) {
  const [row] = await asUser({ userId, organisationId: org.id }, (tx) =>
    tx
      .update(organisations)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.selected_voice_agent_id !== undefined && { selectedVoiceAgentId: input.selected_voice_agent_id }),
        ...(input.timezone !== undefined && { timezone: input.timezone, timezoneConfirmedAt: sql`now()` }),
      })
      .where(eq(organisations.id, org.id))
      .returning(),
  );
  if (!row) throw new DomainError("not_found", "This clinic no longer exists.");
  return toOrganisationJson(row, org.role);
}
