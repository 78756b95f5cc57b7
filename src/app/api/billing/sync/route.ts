import { syncBillingNow } from "@/server/billing/sync-now";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

/** Copies the clinic's subscription from Stripe now (the Billing page calls it on return from Checkout or the portal). */
export const POST = withOrg(async ({ actor }) => json(await syncBillingNow(actor)));
