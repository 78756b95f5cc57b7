import { eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { callRouting } from "@/server/db/schema";
import { type CallRoutingJson, DEFAULT_CALL_ROUTING, toCallRoutingJson } from "./call-routing-json";

/** Any member. The defaults when the clinic never saved its routing. */
export async function getCallRouting(actor: Actor): Promise<CallRoutingJson> {
  const [row] = await asUser(actor, (tx) => tx.select().from(callRouting).where(eq(callRouting.organisationId, actor.organisationId)));
  return row ? toCallRoutingJson(row) : DEFAULT_CALL_ROUTING;
}
