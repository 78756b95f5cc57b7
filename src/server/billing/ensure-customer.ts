import { eq, sql } from "drizzle-orm";
import { asService } from "@/server/db/access";
import { billingCustomers } from "@/server/db/schema";
import { describeError, log } from "@/server/log";
import { getStripe, stripeUnavailable } from "./stripe";

/**
 * The organisation's Stripe customer, created on first use with its name, an owner's email and
 * `metadata.organisation_id`. The creation carries an idempotency key derived from the
 * organisation (and the customer it replaces), so two owners clicking at once make one customer;
 * the row is inserted once (primary key on the organisation). `replacing`: the stored customer
 * that Stripe no longer knows (deleted in Stripe's dashboard, or a restarted demo emulator).
 */
export async function ensureStripeCustomer(organisationId: string, options: { replacing?: string } = {}): Promise<string> {
  const existing = await asService(async (tx) => {
    const [row] = await tx
      .select({ id: billingCustomers.stripeCustomerId })
      .from(billingCustomers)
      .where(eq(billingCustomers.organisationId, organisationId));
    if (row && row.id !== options.replacing) return { id: row.id };
    const { rows } = await tx.execute(sql`
      select o.name,
        (select u.email from public.organisation_members m join auth.users u on u.id = m.user_id
          where m.organisation_id = o.id and m.role = 'owner' order by m.created_at, m.user_id limit 1) as email
      from public.organisations o where o.id = ${organisationId}`);
    return { id: undefined, name: String(rows[0]?.name ?? ""), email: (rows[0]?.email as string | null) ?? undefined };
  });
  if (existing.id) return existing.id;
  let customerId: string;
  try {
    const customer = await getStripe().customers.create(
      {
        name: existing.name?.slice(0, 256) || undefined,
        email: existing.email,
        metadata: { organisation_id: organisationId },
      },
      { idempotencyKey: `clinicall-customer-${organisationId}-${options.replacing ?? "first"}` },
    );
    customerId = customer.id;
  } catch (error) {
    log.error({ organisationId, err: describeError(error) }, "Stripe customer could not be created");
    throw stripeUnavailable();
  }
  return asService(async (tx) => {
    if (options.replacing) {
      await tx
        .update(billingCustomers)
        .set({ stripeCustomerId: customerId })
        .where(sql`${billingCustomers.organisationId} = ${organisationId} and ${billingCustomers.stripeCustomerId} = ${options.replacing}`);
    }
    await tx
      .insert(billingCustomers)
      .values({ organisationId, stripeCustomerId: customerId })
      .onConflictDoNothing({ target: billingCustomers.organisationId });
    const [row] = await tx
      .select({ id: billingCustomers.stripeCustomerId })
      .from(billingCustomers)
      .where(eq(billingCustomers.organisationId, organisationId));
    return row!.id;
  });
}

/** Whether Stripe answered that the customer named in the request does not exist. */
export function isMissingCustomer(error: unknown): boolean {
  const e = error as { code?: string; param?: string; statusCode?: number };
  return e?.statusCode === 404 && e.code === "resource_missing" && (e.param === "customer" || e.param === "id");
}
