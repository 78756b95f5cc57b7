import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { getConfig } from "@/server/config";
import { type Actor, asUser } from "@/server/db/access";
import { billingCustomers } from "@/server/db/schema";
import { describeError, log } from "@/server/log";
import { isMissingCustomer } from "./ensure-customer";
import { getStripe, stripeUnavailable } from "./stripe";

interface InvoiceJson {
  id: string;
  number: string | null;
  /** Stripe's invoice status: draft, open, paid, uncollectible, void. */
  status: string | null;
  amount_due: number;
  amount_paid: number;
  /** Lower-case ISO currency (usd); amounts are in its smallest unit (cents). */
  currency: string;
  created: string;
  period_start: string | null;
  period_end: string | null;
  /** Stripe's hosted page for the invoice (view, pay, download); null when Stripe gave none. */
  hosted_invoice_url: string | null;
  invoice_pdf: string | null;
}

export interface InvoicesJson {
  billing_enabled: boolean;
  invoices: InvoiceJson[];
}

/** How many of the newest invoices the Billing page lists. */
const INVOICE_LIMIT = 12;

/**
 * GET /api/billing/invoices (every member, read-only): the clinic's newest invoices, read from
 * Stripe for the customer this organisation holds (RLS picks the row). Nothing is stored: Stripe
 * is the record. Billing off, or no customer yet: an empty list. An invoice whose customer is not
 * ours (it cannot be, but the answer is not trusted) is left out.
 */
export async function listBillingInvoices(actor: Actor): Promise<InvoicesJson> {
  if (!getConfig().billing.enabled) return { billing_enabled: false, invoices: [] };
  const [row] = await asUser(actor, (tx) =>
    tx
      .select({ id: billingCustomers.stripeCustomerId })
      .from(billingCustomers)
      .where(eq(billingCustomers.organisationId, actor.organisationId)),
  );
  if (!row) return { billing_enabled: true, invoices: [] };
  let list: Stripe.ApiList<Stripe.Invoice>;
  try {
    list = await getStripe().invoices.list({ customer: row.id, limit: INVOICE_LIMIT });
  } catch (error) {
    // A customer Stripe forgot (deleted there, or a restarted demo emulator) has no invoices.
    if (isMissingCustomer(error)) return { billing_enabled: true, invoices: [] };
    log.error({ organisationId: actor.organisationId, err: describeError(error) }, "Stripe invoices could not be listed");
    throw stripeUnavailable();
  }
  const invoices = list.data
    .filter((invoice) => customerOf(invoice) === row.id && invoice.id && invoice.status !== "draft")
    .map(invoiceJson);
  return { billing_enabled: true, invoices };
}

function customerOf(invoice: Stripe.Invoice): string | null {
  const customer = invoice.customer;
  return typeof customer === "string" ? customer : (customer?.id ?? null);
}

const at = (seconds: number | null | undefined) =>
  typeof seconds === "number" && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;

/** Only http(s) links reach the page (an href is never `javascript:`). */
function link(value: string | null | undefined): string | null {
  if (typeof value !== "string" || value.length > 2000) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

function invoiceJson(invoice: Stripe.Invoice): InvoiceJson {
  return {
    id: String(invoice.id),
    number: invoice.number ?? null,
    status: invoice.status ?? null,
    amount_due: invoice.amount_due ?? 0,
    amount_paid: invoice.amount_paid ?? 0,
    currency: (invoice.currency ?? "usd").toLowerCase(),
    created: at(invoice.created) ?? new Date(0).toISOString(),
    period_start: at(invoice.period_start),
    period_end: at(invoice.period_end),
    hosted_invoice_url: link(invoice.hosted_invoice_url),
    invoice_pdf: link(invoice.invoice_pdf),
  };
}
