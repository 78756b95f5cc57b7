-- Baseline: the product before multi-tenancy. Every table is keyed by the user who owns it.
-- Kept as history so an existing single-tenant database upgrades through the same path
-- (see the multi_tenant_* migrations that follow, which add organisations and backfill them).

create table if not exists public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  full_name text,
  clinic_name text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.phone_numbers (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  phone_number text not null,
  label text,
  is_active boolean not null default true,
  vapi_phone_number_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.intents (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  name text not null,
  example_phrases text[] not null default '{}',
  response_en text,
  response_ru text,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.assistant_settings (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references public.profiles (id) on delete cascade,
  greeting_en text,
  greeting_ru text,
  transfer_number text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.working_hours (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  day_of_week smallint not null check (day_of_week between 0 and 6),
  opens_at time,
  closes_at time,
  is_closed boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  stripe_customer_id text,
  stripe_subscription_id text unique,
  status text not null default 'incomplete',
  plan text,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.calls (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  twilio_call_sid text,
  vapi_call_id text,
  from_number text,
  to_number text,
  status text not null default 'queued',
  ended_reason text,
  started_at timestamptz,
  ended_at timestamptz,
  duration_seconds integer,
  transcript text,
  summary text,
  recording_url text,
  cost numeric(10, 4),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.assistants (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  vapi_assistant_id text,
  name text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Single-tenant row level security: each user sees their own rows.
alter table public.profiles enable row level security;
alter table public.phone_numbers enable row level security;
alter table public.intents enable row level security;
alter table public.assistant_settings enable row level security;
alter table public.working_hours enable row level security;
alter table public.subscriptions enable row level security;
alter table public.calls enable row level security;
alter table public.assistants enable row level security;

create policy "Users can manage their own profile" on public.profiles
  for all to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));
create policy "Users can manage their own phone numbers" on public.phone_numbers
  for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users can manage their own intents" on public.intents
  for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users can manage their own assistant settings" on public.assistant_settings
  for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users can manage their own working hours" on public.working_hours
  for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users can read their own subscriptions" on public.subscriptions
  for select to authenticated
  using (user_id = (select auth.uid()));
create policy "Users can read their own calls" on public.calls
  for select to authenticated
  using (user_id = (select auth.uid()));
create policy "Users can manage their own assistants" on public.assistants
  for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
