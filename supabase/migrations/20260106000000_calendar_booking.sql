-- Calendar booking: appointments that never double-book, an outbox that creates (and cancels)
-- Google events with retries, single-use OAuth states with PKCE, booking rules per clinic, and
-- calendar tokens written on the service path only.

create extension if not exists btree_gist;

-- Booking rules -------------------------------------------------------------------------------
-- Kept on the organisation: they outlive a calendar connection. Admins change them (the
-- organisation's UPDATE policy already says so).
alter table public.organisations
  add column if not exists booking_buffer_minutes integer not null default 0,
  add column if not exists booking_min_notice_minutes integer not null default 60,
  add column if not exists booking_default_duration_minutes integer not null default 30;
alter table public.organisations add constraint organisations_booking_buffer_minutes_check
  check (booking_buffer_minutes between 0 and 240);
alter table public.organisations add constraint organisations_booking_min_notice_minutes_check
  check (booking_min_notice_minutes between 0 and 20160);
alter table public.organisations add constraint organisations_booking_default_duration_minutes_check
  check (booking_default_duration_minutes between 5 and 480);

-- Appointments --------------------------------------------------------------------------------
-- status: pending_sync (booked here, not yet in Google) → confirmed; or cancelled.
-- sync_*: the outbox. A row with sync_status 'pending' has a Google change to make (create the
-- event, or cancel it when the appointment is cancelled); the worker takes rows whose
-- sync_next_attempt_at has come and whose lease (sync_locked_until) is free, and writes its
-- result only if sync_version is still the one it read (a cancel in between wins).
alter table public.appointments
  add column if not exists idempotency_key text,
  add column if not exists sync_status text not null default 'synced',
  add column if not exists sync_attempts integer not null default 0,
  add column if not exists sync_last_error text,
  add column if not exists sync_next_attempt_at timestamptz,
  add column if not exists sync_locked_until timestamptz,
  add column if not exists sync_version integer not null default 0,
  add column if not exists synced_at timestamptz;
alter table public.appointments add constraint appointments_sync_status_check
  check (sync_status in ('pending', 'synced', 'failed'));
alter table public.appointments add constraint appointments_idempotency_key_check
  check (idempotency_key is null or char_length(idempotency_key) between 1 and 200);
-- Unique per organisation (nulls distinct): a retried booking finds the first one.
alter table public.appointments add constraint appointments_organisation_idempotency_key
  unique (organisation_id, idempotency_key);

-- Rows booked before the outbox existed and never sent to Google go through it now.
update public.appointments
  set sync_status = 'pending', sync_next_attempt_at = now()
  where status = 'pending_sync';

-- Two live appointments of one organisation calendar never overlap. Touching is fine ('[)').
-- Fails (23P01) for a database that already holds overlapping live appointments: cancel or
-- move one of each pair first (this query lists them:
--   select a.id, b.id from appointments a join appointments b on a.id < b.id
--     and a.organisation_id = b.organisation_id and a.calendar_id = b.calendar_id
--     and tstzrange(a.start_at, a.end_at) && tstzrange(b.start_at, b.end_at)
--     and a.status <> 'cancelled' and b.status <> 'cancelled').
alter table public.appointments add constraint appointments_no_overlap
  exclude using gist (
    organisation_id with =,
    calendar_id with =,
    tstzrange(start_at, end_at, '[)') with &&
  ) where (status <> 'cancelled');

create index if not exists appointments_sync_due_idx on public.appointments (sync_next_attempt_at)
  where sync_status = 'pending';

-- Calendar connection ------------------------------------------------------------------------
alter table public.organisation_calendar_connections
  add column if not exists google_account_id text,
  add column if not exists connected_at timestamptz,
  add column if not exists last_success_at timestamptz,
  add column if not exists last_failure_at timestamptz,
  add column if not exists last_failure_reason text;

-- Tokens are written only by the server, after it has checked the OAuth state, the signed-in
-- user and their role (the callback), or while refreshing them: `authenticated` keeps reading
-- the status columns and admins keep deleting the connection, but nobody writes rows directly.
drop policy if exists "Admins can add their organisation's calendar connection" on public.organisation_calendar_connections;
drop policy if exists "Admins can change their organisation's calendar connection" on public.organisation_calendar_connections;
revoke insert, update on public.organisation_calendar_connections from authenticated;
grant select (google_account_id, connected_at, last_success_at, last_failure_at, last_failure_reason)
  on public.organisation_calendar_connections to authenticated;

-- OAuth states --------------------------------------------------------------------------------
-- One row per "Connect Google Calendar" click: the SHA-256 of the 32 random bytes sent as
-- `state`, who clicked it for which organisation, the PKCE verifier (AES-256-GCM, bound to the
-- organisation), and a 10-minute life. Used once. Service path only: no grants to anon or
-- authenticated, RLS on with no policies.
create table if not exists public.oauth_states (
  id uuid primary key default gen_random_uuid(),
  state_hash text not null unique check (state_hash ~ '^[0-9a-f]{64}$'),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  code_verifier_ciphertext text not null check (code_verifier_ciphertext like 'v1.%'),
  redirect_uri text not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
alter table public.oauth_states enable row level security;
revoke all on public.oauth_states from anon, authenticated;
grant all on public.oauth_states to service_role;
create index if not exists oauth_states_expires_at_idx on public.oauth_states (expires_at);
create index if not exists oauth_states_organisation_idx on public.oauth_states (organisation_id);
