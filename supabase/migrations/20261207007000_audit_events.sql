-- Audit log (issue 19, decision 021): who did or read what in a clinic, append-only.
-- One row per change (written in the same transaction as the change) or per read of patients'
-- words or voices (written right after the read is served): the acting person (no foreign key:
-- the record outlives the account), the client's address and user agent, an action from a closed
-- list, the object, details without secrets (src/server/audit/record-audit.ts strips them).
--
-- Nobody the app runs as may change or remove a row:
--   * `authenticated` may insert rows of the organisation it verifiably acts for, as itself only,
--     and only owners read them; no UPDATE, DELETE or TRUNCATE is granted to it, `anon` or
--     `service_role`.
--   * the service path logs in as the schema's owner, which holds every privilege on its tables:
--     a trigger refuses UPDATE and TRUNCATE from anyone, and DELETE of a row younger than the
--     clinic's audit retention (6 years by default, see the retention migration), unless the
--     organisation itself is being deleted (its cascade). SQLSTATE 42501 either way.
create table if not exists public.audit_events (
  id uuid not null default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  -- The person; null when nobody acted (a nightly job). Defaults to the signed-in user.
  user_id uuid default auth.uid(),
  ip_address text check (length(ip_address) <= 64),
  user_agent text check (length(user_agent) <= 512),
  action text not null check (action in (
    'settings.clinic_changed', 'settings.assistant_changed', 'settings.routing_changed',
    'settings.messaging_changed', 'settings.booking_changed', 'settings.two_factor_changed',
    'intent.created', 'intent.updated', 'intent.deleted',
    'phone_number.added', 'phone_number.updated', 'phone_number.removed',
    'hours.changed',
    'member.removed', 'member.left', 'member.role_changed',
    'invitation.created', 'invitation.resent', 'invitation.revoked', 'invitation.accepted',
    'billing.checkout_started', 'billing.portal_opened', 'billing.synced',
    'calendar.connected', 'calendar.disconnected',
    'retention.changed', 'redaction.changed', 'consent.changed', 'compliance.changed',
    'patient.updated', 'patient.erased',
    'call.transcript_viewed', 'call.recording_played', 'call.recording_downloaded',
    'calls.exported', 'audit.exported',
    'data_export.requested', 'data_export.downloaded',
    'organisation.erasure_requested', 'organisation.erasure_cancelled'
  )),
  object_type text not null check (object_type ~ '^[a-z_]{1,40}$'),
  object_id text check (length(object_id) <= 200),
  details jsonb not null default '{}'::jsonb
    check (jsonb_typeof(details) = 'object' and pg_column_size(details) <= 8192),
  created_at timestamptz not null default now(),
  constraint audit_events_pkey primary key (organisation_id, id)
);

-- The Audit page: newest first, optionally by action or by person.
create index if not exists audit_events_list_idx on public.audit_events (organisation_id, created_at desc, id desc);
create index if not exists audit_events_action_idx on public.audit_events (organisation_id, action, created_at desc, id desc);
create index if not exists audit_events_user_idx on public.audit_events (organisation_id, user_id, created_at desc, id desc);

create or replace function private.audit_events_guard() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    -- A person's row is stamped now: nobody signed in backdates a row into its deletable past.
    if current_user = 'authenticated' or new.created_at is null then
      new.created_at := now();
    end if;
    return new;
  end if;
  if tg_op = 'DELETE' then
    -- The organisation is being deleted (on delete cascade): its log goes with it.
    if not exists (select 1 from public.organisations o where o.id = old.organisation_id) then
      return old;
    end if;
    if old.created_at < now() - private.audit_retention(old.organisation_id) then
      return old;
    end if;
    raise exception 'audit events are kept for the clinic''s audit retention and cannot be deleted before'
      using errcode = '42501';
  end if;
  raise exception 'audit events cannot be changed' using errcode = '42501';
end
$$;

-- How long a clinic's audit log is kept (6 years until the retention settings say otherwise).
create or replace function private.audit_retention(p_organisation_id uuid) returns interval
  language sql stable
  set search_path = ''
as $$ select make_interval(days => 2192) $$;

drop trigger if exists audit_events_guard_row on public.audit_events;
create trigger audit_events_guard_row before insert or update or delete on public.audit_events
  for each row execute function private.audit_events_guard();
drop trigger if exists audit_events_guard_truncate on public.audit_events;
create trigger audit_events_guard_truncate before truncate on public.audit_events
  for each statement execute function private.audit_events_guard();

alter table public.audit_events enable row level security;
revoke all on public.audit_events from public, anon, authenticated, service_role;
grant select, insert on public.audit_events to authenticated;
grant select, insert on public.audit_events to service_role;

create policy "Owners read their organisation's audit log" on public.audit_events
  for select to authenticated
  using (organisation_id = (select private.acting_owner_organisation_id()));
-- Anyone acting for the clinic records what they do there, as themselves.
create policy "Members record their own actions" on public.audit_events
  for insert to authenticated
  with check (organisation_id = (select private.acting_organisation_id()) and user_id = (select auth.uid()));
