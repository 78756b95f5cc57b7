import { sql } from "drizzle-orm";

/**
 * Which of an organisation's subscription rows is "the" subscription: a live one (active,
 * trialing, past_due) before a stopped one (unpaid, paused), before one that never started, before
 * an ended one; then the newest in Stripe. Used as `order by` over `public.subscriptions s`.
 */
export const currentSubscriptionOrder = sql.raw(
  `case s.status when 'active' then 0 when 'trialing' then 0 when 'past_due' then 0 when 'unpaid' then 1 when 'paused' then 1 when 'incomplete' then 2 else 3 end,
   s.stripe_created_at desc nulls last, s.created_at desc, s.id desc`,
);
