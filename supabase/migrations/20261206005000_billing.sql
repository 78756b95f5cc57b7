-- Billing with Stripe. Everything here is written on the service path only (the webhook, the sync
-- and usage jobs, the end-of-call report): a person can read their clinic's billing state and
-- usage, and can write none of it, so nobody can mark their own clinic as paid.

-- One Stripe customer per organisation, created before its first Checkout.
create table if not exists public.billing_customers (
  organisation_id uuid primary key references public.organisations (id) on delete cascade,
  stripe_customer_id text not null unique check (stripe_customer_id ~ '^cus_[A-Za-z0-9_]{1,250}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.billing_customers enable row level security;
revoke all on public.billing_customers from anon, authenticated;
grant select on public.billing_customers to authenticated;
grant all on public.billing_customers to service_role;
create policy "Members can read their organisation's billing customer" on public.billing_customers
  for select to authenticated using (organisation_id = (select private.acting_organisation_id()));

-- The subscription as Stripe holds it (the sync job copies it; the webhook payload is never trusted).
alter table public.subscriptions
  add column if not exists price_id text,
  add column if not exists current_period_start timestamptz,
  add column if not exists trial_start timestamptz,
  add column if not exists trial_end timestamptz,
  add column if not exists canceled_at timestamptz,
  add column if not exists latest_invoice_id text,
  add column if not exists latest_invoice_status text,
  -- When the open invoice of a past_due subscription was created (its first failed attempt
  -- follows at once): the grace period counts from here.
  add column if not exists past_due_since timestamptz,
  add column if not exists stripe_created_at timestamptz,
  add column if not exists synced_at timestamptz;
create index if not exists subscriptions_organisation_current_idx
  on public.subscriptions (organisation_id, stripe_created_at desc nulls last, created_at desc);

-- The webhook's event ledger: each Stripe event id once, recorded in the transaction that enqueues
-- the sync of its customer (an event names one customer, so one organisation). No grants to people.
create table if not exists public.stripe_events (
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  event_id text not null check (event_id ~ '^evt_[A-Za-z0-9_]{1,250}$'),
  type text not null check (length(type) <= 100),
  stripe_customer_id text not null,
  stripe_created_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (organisation_id, event_id)
);
alter table public.stripe_events enable row level security;
revoke all on public.stripe_events from anon, authenticated;
grant all on public.stripe_events to service_role;

-- Billable call minutes: one row per ended call, written with its end-of-call report; reported to
-- Stripe as a meter event (identifier derived from the call) when a metered price is configured.
create table if not exists public.billing_usage (
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  call_id uuid not null,
  seconds integer not null check (seconds between 0 and 604800),
  minutes integer not null check (minutes between 0 and 10080),
  occurred_at timestamptz not null,
  reported_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (organisation_id, call_id)
);
create index if not exists billing_usage_organisation_occurred_idx on public.billing_usage (organisation_id, occurred_at);
create index if not exists billing_usage_unreported_idx on public.billing_usage (occurred_at) where reported_at is null;
alter table public.billing_usage enable row level security;
revoke all on public.billing_usage from anon, authenticated;
grant select on public.billing_usage to authenticated;
grant all on public.billing_usage to service_role;
create policy "Members can read their organisation's call minutes" on public.billing_usage
  for select to authenticated using (organisation_id = (select private.acting_organisation_id()));

create trigger set_updated_at before update on public.billing_customers
  for each row execute function public.set_updated_at();
