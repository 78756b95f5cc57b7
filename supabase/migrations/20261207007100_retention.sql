-- Retention (issue 19, decision 021): per clinic, how long recordings, transcripts and messages,
-- and call metadata are kept (30, 90 or 365 days, or forever: null), recordings <= transcripts <=
-- metadata; and how long the audit log is kept (6 years by default, 7 or 10). Owners change it;
-- members read it (the Calls page says when a recording goes). The nightly job
-- privacy.retention-purge (src/server/privacy/retention-purge-job.ts) applies it in small batches.
create table if not exists public.retention_settings (
  organisation_id uuid primary key references public.organisations (id) on delete cascade,
  recordings_days integer check (recordings_days in (30, 90, 365)),
  transcripts_days integer check (transcripts_days in (30, 90, 365)),
  metadata_days integer check (metadata_days in (30, 90, 365)),
  audit_log_days integer not null default 2192 check (audit_log_days in (2192, 2557, 3653)),
  -- the owner who last changed it (no foreign key: the record outlives the account)
  updated_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Nothing outlives what it belongs to: a recording no longer than its transcript, a transcript no
  -- longer than the call's record (null = forever).
  constraint retention_settings_order check (
    coalesce(recordings_days, 2147483647) <= coalesce(transcripts_days, 2147483647)
    and coalesce(transcripts_days, 2147483647) <= coalesce(metadata_days, 2147483647))
);

create trigger set_updated_at before update on public.retention_settings
  for each row execute function public.set_updated_at();

alter table public.retention_settings enable row level security;
revoke all on public.retention_settings from public, anon, authenticated;
grant select, insert, update on public.retention_settings to authenticated;
grant all on public.retention_settings to service_role;

create policy "Members read their organisation's retention" on public.retention_settings
  for select to authenticated
  using (organisation_id = (select private.acting_organisation_id()));
create policy "Owners set their organisation's retention" on public.retention_settings
  for insert to authenticated
  with check (organisation_id = (select private.acting_owner_organisation_id()));
create policy "Owners change their organisation's retention" on public.retention_settings
  for update to authenticated
  using (organisation_id = (select private.acting_owner_organisation_id()))
  with check (organisation_id = (select private.acting_owner_organisation_id()));

-- The audit log's own retention (the guard of 20261207007000 asks this function).
create or replace function private.audit_retention(p_organisation_id uuid) returns interval
  language sql stable
  set search_path = ''
as $$
  select make_interval(days => coalesce(
    (select r.audit_log_days from public.retention_settings r where r.organisation_id = p_organisation_id), 2192))
$$;

-- What the purge did to each call. A call whose recording went asks Vapi to delete its copy
-- (DELETE /call/{id}): pending until tried, then done or failed (tried again on later nights).
alter table public.calls
  add column if not exists recording_deleted_at timestamptz,
  add column if not exists content_deleted_at timestamptz,
  add column if not exists metadata_deleted_at timestamptz,
  add column if not exists vapi_deletion_status text,
  add column if not exists vapi_deletion_attempts integer not null default 0,
  add column if not exists vapi_deletion_at timestamptz;
alter table public.calls drop constraint if exists calls_vapi_deletion_status_check;
alter table public.calls add constraint calls_vapi_deletion_status_check
  check (vapi_deletion_status is null or vapi_deletion_status in ('pending', 'done', 'failed'));
alter table public.calls drop constraint if exists calls_vapi_deletion_attempts_check;
alter table public.calls add constraint calls_vapi_deletion_attempts_check check (vapi_deletion_attempts between 0 and 1000);

alter table public.messages add column if not exists content_deleted_at timestamptz;

-- Each stage walks only the calls it has not done yet, oldest first (partial indexes stay small:
-- a purged call leaves them).
create index if not exists calls_retention_recording_idx
  on public.calls (organisation_id, created_at) where recording_deleted_at is null;
create index if not exists calls_retention_content_idx
  on public.calls (organisation_id, created_at) where content_deleted_at is null;
create index if not exists calls_retention_metadata_idx
  on public.calls (organisation_id, created_at) where metadata_deleted_at is null;
create index if not exists calls_vapi_deletion_idx
  on public.calls (organisation_id, vapi_deletion_status) where vapi_deletion_status in ('pending', 'failed');
create index if not exists messages_retention_content_idx
  on public.messages (organisation_id, created_at) where content_deleted_at is null;
create index if not exists messages_retention_recording_idx
  on public.messages (organisation_id, created_at) where recording_url is not null;
create index if not exists sms_messages_retention_body_idx
  on public.sms_messages (organisation_id, created_at) where body is not null;
