import { startCheckout } from "@/server/billing/start-checkout";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

/** Owners only: the URL of a Stripe Checkout Session for the plan. */
export const POST = withOrg(async ({ actor }) => json(await startCheckout(actor)), { role: "owner" });
