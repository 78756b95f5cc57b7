import { eq } from "drizzle-orm";
import { changedFields } from "@/server/audit/changed-fields";
import { recordAudit } from "@/server/audit/record-audit";
import { type Actor, asUser } from "@/server/db/access";
import { callRouting } from "@/server/db/schema";
import { type CallRoutingJson, toCallRoutingJson } from "./call-routing-json";
import type { CallRoutingInput } from "./schemas";

/** Admin or owner. Replaces the clinic's routing (one row per clinic; created if missing). */
export async function saveCallRouting(actor: Actor, input: CallRoutingInput): Promise<CallRoutingJson> {
  const values = {
    staffDestinations: input.staff_destinations,
    ringTimeoutSeconds: input.ring_timeout_seconds,
    ringStaffFirst: input.ring_staff_first,
    ringStaffFirstSeconds: input.ring_staff_first_seconds,
    noAnswer: input.no_answer,
    afterHoursMode: input.after_hours_mode,
    onCallNumber: input.on_call_number,
    emergencyTransfer: input.emergency_transfer,
  };
  const [row] = await asUser(actor, async (tx) => {
    const [before] = await tx.select().from(callRouting).where(eq(callRouting.organisationId, actor.organisationId)).for("update");
    const rows = await tx
      .insert(callRouting)
      .values({ organisationId: actor.organisationId, ...values })
      .onConflictDoUpdate({ target: callRouting.organisationId, set: values })
      .returning();
    const fields = changedFields(before, values);
    if (fields.length > 0) await recordAudit(tx, { action: "settings.routing_changed", objectType: "call_routing", details: { fields } });
    return rows;
  });
  return toCallRoutingJson(row!);
}
