import { openBillingPortal } from "@/server/billing/open-portal";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

/** Owners only: the URL of a Stripe Customer Portal session (cancel, resume, change card, invoices). */
export const POST = withOrg(async ({ actor }) => json(await openBillingPortal(actor)), { role: "owner" });
