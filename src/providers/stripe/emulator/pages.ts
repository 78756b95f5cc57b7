import type { CheckoutSession, Customer, EmulatedPrice, Invoice, PortalSession, Subscription } from "./state";

/** The emulator's hosted pages: Checkout, the Customer Portal and a hosted invoice. Plain HTML forms. */

const html = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
const date = (seconds: number | null) => (seconds ? new Date(seconds * 1000).toISOString().slice(0, 10) : "-");

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1a1f36}
h1{font-size:1.4rem}.box{border:1px solid #e3e8ee;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
button{font:inherit;padding:.55rem 1rem;margin:.25rem .5rem .25rem 0;border-radius:6px;border:1px solid #635bff;background:#635bff;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#635bff}.error{color:#c0123c}.note{color:#697386;font-size:.9rem}</style></head>
<body><p class="note">Stripe emulator (test mode): no money moves.</p>${body}</body></html>`;
}

export function checkoutPage(session: CheckoutSession, customer: Customer | undefined, prices: Map<string, EmulatedPrice>): string {
  const lines = session.lineItems
    .map((item) => {
      const price = prices.get(item.price);
      if (!price) return "";
      const amount =
        price.usageType === "metered" ? "per call minute, billed monthly in arrears" : `${money(price.unitAmount, price.currency)} / month`;
      return `<li>${html(price.id)}: ${html(amount)}</li>`;
    })
    .join("");
  if (session.status !== "open") {
    return page("Checkout", `<h1>This Checkout Session is ${html(session.status)}</h1>`);
  }
  return page(
    "Subscribe",
    `<h1>Subscribe</h1>
<div class="box"><p>${customer ? `Customer: ${html(customer.name ?? customer.id)}${customer.email ? ` (${html(customer.email)})` : ""}` : ""}</p>
<ul>${lines}</ul>${session.trialPeriodDays ? `<p><strong>${session.trialPeriodDays}-day free trial</strong>: nothing is charged today.</p>` : ""}</div>
${session.declined ? `<p class="error" role="alert">Your card was declined. Try another card.</p>` : ""}
<form method="post"><input type="hidden" name="card" value="4242424242424242">
<button name="action" value="pay">Pay with test card 4242</button>
<button class="secondary" name="action" value="decline">Pay with a card that declines</button>
<button class="secondary" name="action" value="cancel">Cancel and go back</button></form>`,
  );
}

export function portalPage(portal: PortalSession, customer: Customer, subscriptions: Subscription[], invoices: Invoice[]): string {
  const subs = subscriptions
    .map((s) => {
      const end = s.items.data[0]?.current_period_end ?? null;
      const actions = [
        s.status !== "canceled" && !s.cancel_at_period_end
          ? `<button class="secondary" name="action" value="cancel_at_period_end">Cancel plan</button>`
          : "",
        s.cancel_at_period_end && s.status !== "canceled" ? `<button name="action" value="resume">Renew plan</button>` : "",
        s.status !== "canceled" ? `<button class="secondary" name="action" value="cancel_now">Cancel immediately</button>` : "",
      ].join("");
      return `<div class="box"><p><strong>${html(s.id)}</strong>: ${html(s.status)}${s.cancel_at_period_end ? `, cancels on ${date(end)}` : `, renews on ${date(end)}`}</p>
<form method="post"><input type="hidden" name="subscription" value="${html(s.id)}">${actions}</form></div>`;
    })
    .join("");
  const list = invoices
    .slice(0, 5)
    .map(
      (i) => `<li><a href="${html(i.hosted_invoice_url)}">${html(i.number)}</a> ${money(i.amount_due, i.currency)} ${html(i.status)}</li>`,
    )
    .join("");
  return page(
    "Billing",
    `<h1>Manage billing</h1>${subs || "<p>No subscriptions.</p>"}
<div class="box"><p>Payment method: ${customer.cardDeclines ? "a card that declines" : "Visa •••• 4242"}</p>
<form method="post"><button class="secondary" name="action" value="update_card">Update card (test card 4242)</button>
<button class="secondary" name="action" value="decline_card">Use a card that declines</button></form></div>
${list ? `<div class="box"><p>Invoices</p><ul>${list}</ul></div>` : ""}
${portal.return_url ? `<p><a href="${html(portal.return_url)}">Return to ${html(new URL(portal.return_url).host)}</a></p>` : ""}`,
  );
}

export function invoicePage(invoice: Invoice): string {
  return page(
    `Invoice ${invoice.number}`,
    `<h1>Invoice ${html(invoice.number)}</h1><div class="box"><p>${money(invoice.amount_due, invoice.currency)}: ${html(invoice.status)}</p>
<p>Period ${date(invoice.period_start)} to ${date(invoice.period_end)}</p></div>`,
  );
}
