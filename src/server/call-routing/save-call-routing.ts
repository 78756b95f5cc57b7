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
  const [row] = await asUser(actor, (tx) =>
    tx
      .insert(callRouting)
      .values({ organisationId: actor.organisationId, ...values })
      .onConflictDoUpdate({ target: callRouting.organisationId, set: values })
      .returning(),
  );
  return toCallRoutingJson(row!);
}
