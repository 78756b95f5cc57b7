-- Multi-tenant schema (the design summary's first file): organisations and their members,
-- organisation_id on every tenant table with a backfill from the single-tenant baseline,
-- the Google Calendar connection and appointments.
-- Safe to run once on a database that already holds single-tenant data: each existing
-- profile becomes an organisation owned by that user, and every row follows its user.

create or replace function public.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create table if not exists public.organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  selected_voice_agent_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.organisation_members (
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (organisation_id, user_id)
);
-- The primary key leads with organisation_id; membership look-ups by user need their own index.
create index if not exists organisation_members_user_id_idx on public.organisation_members (user_id);

-- New tables are closed until the RLS migration adds their policies.
alter table public.organisations enable row level security;
alter table public.organisation_members enable row level security;

-- 1. organisation_id on every tenant table (nullable until the backfill has run).
alter table public.phone_numbers add column if not exists organisation_id uuid;
alter table public.intents add column if not exists organisation_id uuid;
alter table public.assistant_settings add column if not exists organisation_id uuid;
alter table public.working_hours add column if not exists organisation_id uuid;
alter table public.subscriptions add column if not exists organisation_id uuid;
alter table public.calls add column if not exists organisation_id uuid;
alter table public.assistants add column if not exists organisation_id uuid;

-- 2. Backfill: one organisation per existing profile, its user as owner.
create temporary table multi_tenant_backfill as
  select
    p.id as user_id,
    gen_random_uuid() as organisation_id,
    left(coalesce(
      nullif(btrim(p.clinic_name), ''),
      nullif(btrim(p.full_name), '') || '''s clinic',
      nullif(btrim(u.email), ''),
      'My clinic'
    ), 120) as name
  from public.profiles p
  left join auth.users u on u.id = p.id
  where not exists (select 1 from public.organisation_members m where m.user_id = p.id);

insert into public.organisations (id, name)
  select organisation_id, name from multi_tenant_backfill;
insert into public.organisation_members (organisation_id, user_id, role)
  select organisation_id, user_id, 'owner' from multi_tenant_backfill;

update public.phone_numbers t set organisation_id = b.organisation_id
  from multi_tenant_backfill b where t.organisation_id is null and t.user_id = b.user_id;
update public.intents t set organisation_id = b.organisation_id
  from multi_tenant_backfill b where t.organisation_id is null and t.user_id = b.user_id;
update public.assistant_settings t set organisation_id = b.organisation_id
  from multi_tenant_backfill b where t.organisation_id is null and t.user_id = b.user_id;
update public.working_hours t set organisation_id = b.organisation_id
  from multi_tenant_backfill b where t.organisation_id is null and t.user_id = b.user_id;
update public.subscriptions t set organisation_id = b.organisation_id
  from multi_tenant_backfill b where t.organisation_id is null and t.user_id = b.user_id;
update public.calls t set organisation_id = b.organisation_id
  from multi_tenant_backfill b where t.organisation_id is null and t.user_id = b.user_id;
update public.assistants t set organisation_id = b.organisation_id
  from multi_tenant_backfill b where t.organisation_id is null and t.user_id = b.user_id;

drop table multi_tenant_backfill;

-- 3. Now every row belongs to an organisation: enforce it. user_id stays as "created by"
--    and no longer deletes the clinic's data when that person's account goes.
do $$
declare
  t text;
begin
  foreach t in array array['phone_numbers', 'intents', 'assistant_settings', 'working_hours',
                           'subscriptions', 'calls', 'assistants'] loop
    execute format('alter table public.%I alter column organisation_id set not null', t);
    execute format('alter table public.%I alter column user_id drop not null', t);
    execute format('alter table public.%I drop constraint if exists %I', t, t || '_user_id_fkey');
    execute format(
      'alter table public.%I add constraint %I foreign key (user_id) references auth.users (id) on delete set null',
      t, t || '_user_id_fkey');
    execute format(
      'alter table public.%I add constraint %I foreign key (organisation_id) references public.organisations (id) on delete cascade',
      t, t || '_organisation_id_fkey');
    -- (organisation_id, id) is the target of organisation-scoped foreign keys.
    execute format('alter table public.%I add constraint %I unique (organisation_id, id)',
      t, t || '_organisation_id_id_key');
    execute format('create trigger set_updated_at before update on public.%I for each row execute function public.set_updated_at()', t);
  end loop;
end $$;

create trigger set_updated_at before update on public.organisations
  for each row execute function public.set_updated_at();
create trigger set_updated_at before update on public.organisation_members
  for each row execute function public.set_updated_at();
create trigger set_updated_at before update on public.profiles
  for each row execute function public.set_updated_at();

create index if not exists phone_numbers_organisation_id_idx on public.phone_numbers (organisation_id);
create index if not exists intents_organisation_id_idx on public.intents (organisation_id);
create index if not exists working_hours_organisation_id_idx on public.working_hours (organisation_id);
create index if not exists subscriptions_organisation_id_idx on public.subscriptions (organisation_id);
create index if not exists assistants_organisation_id_idx on public.assistants (organisation_id);

-- Settings are one row per organisation now, not per user.
alter table public.assistant_settings drop constraint if exists assistant_settings_user_id_key;
alter table public.assistant_settings add constraint assistant_settings_organisation_id_key unique (organisation_id);

-- 4. Phone numbers: E.164, and one active number rings at exactly one clinic.
update public.phone_numbers
  set phone_number = regexp_replace(phone_number, '[[:space:]().-]', '', 'g')
  where phone_number like '+%' and phone_number !~ '^\+[1-9][0-9]{6,14}$';
-- Numbers that cannot be read as E.164 are kept (nothing is lost) but switched off; the
-- check below is NOT VALID so they stay visible in the dashboard for a person to fix.
update public.phone_numbers set is_active = false
  where phone_number !~ '^\+[1-9][0-9]{6,14}$' and is_active;
alter table public.phone_numbers add constraint phone_numbers_e164_check
  check (phone_number ~ '^\+[1-9][0-9]{6,14}$') not valid;
-- Where several single-tenant users had the same number active, the oldest keeps it.
update public.phone_numbers set is_active = false
  where id in (
    select id from (
      select id, row_number() over (partition by phone_number order by created_at, id) as n
      from public.phone_numbers where is_active
    ) ranked where n > 1
  );
create unique index if not exists phone_numbers_active_number_key
  on public.phone_numbers (phone_number) where is_active;

-- 5. Calls: which clinic number was dialled, provider ids unique, newest-first per organisation.
alter table public.calls add column if not exists phone_number_id uuid;
alter table public.calls add constraint calls_phone_number_fkey
  foreign key (organisation_id, phone_number_id)
  references public.phone_numbers (organisation_id, id) on delete set null (phone_number_id);
update public.calls c set phone_number_id = p.id
  from public.phone_numbers p
  where c.phone_number_id is null and p.organisation_id = c.organisation_id and p.phone_number = c.to_number;
alter table public.calls add constraint calls_twilio_call_sid_key unique (twilio_call_sid);
alter table public.calls add constraint calls_vapi_call_id_key unique (vapi_call_id);
create index if not exists calls_organisation_created_at_idx
  on public.calls (organisation_id, created_at desc, id desc);

-- 6. Google Calendar: one connection per organisation. Tokens are stored only as AES-256-GCM
--    ciphertext ("v1." prefix); the check refuses anything that looks like a plaintext token.
create table if not exists public.organisation_calendar_connections (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null unique references public.organisations (id) on delete cascade,
  google_account_email text,
  calendar_id text not null default 'primary',
  access_token_ciphertext text check (access_token_ciphertext is null or access_token_ciphertext like 'v1.%'),
  refresh_token_ciphertext text check (refresh_token_ciphertext is null or refresh_token_ciphertext like 'v1.%'),
  token_expires_at timestamptz,
  scopes text,
  status text not null default 'connected' check (status in ('connected', 'disconnected')),
  disconnected_reason text,
  connected_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.organisation_calendar_connections enable row level security;
create trigger set_updated_at before update on public.organisation_calendar_connections
  for each row execute function public.set_updated_at();

-- 7. Appointments booked in the clinic's calendar, optionally linked to the call that booked them.
create table if not exists public.appointments (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  calendar_event_id text,
  calendar_id text not null default 'primary',
  start_at timestamptz not null,
  end_at timestamptz not null,
  customer_name text,
  customer_phone text,
  summary text not null default 'Appointment',
  description text,
  status text not null default 'confirmed' check (status in ('pending_sync', 'confirmed', 'cancelled')),
  call_id uuid,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint appointments_end_after_start check (end_at > start_at),
  constraint appointments_call_fkey foreign key (organisation_id, call_id)
    references public.calls (organisation_id, id) on delete set null (call_id)
);
create index if not exists appointments_organisation_start_idx on public.appointments (organisation_id, start_at);
create index if not exists appointments_call_id_idx on public.appointments (call_id) where call_id is not null;
alter table public.appointments enable row level security;
create trigger set_updated_at before update on public.appointments
  for each row execute function public.set_updated_at();
