import { listBillingInvoices } from "@/server/billing/list-invoices";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

/** The clinic's newest Stripe invoices with their hosted links (every member, read-only). */
export const GET = withOrg(async ({ actor }) => json(await listBillingInvoices(actor)));
