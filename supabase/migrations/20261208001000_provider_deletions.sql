-- Providers' copies (issue 19, decision 023): when our copy of a Twilio voicemail recording goes
-- (retention, a patient's erasure, the organisation's erasure) Twilio is asked to delete its copy
-- of the recording and its transcriptions; when a call row goes with the organisation, or a
-- patient is erased, Vapi is asked to delete its copy of the call. The requests are rows here,
-- written by triggers in the transaction that removes our copy (so every path is covered, the
-- catalog-driven organisation erasure included), and carried out by the job
-- privacy.provider-deletions (src/server/privacy/provider-deletions.ts): done or failed per row,
-- retried with backoff. The table is in `private` and has no foreign key: a request outlives the
-- organisation and the call it came from (it holds provider ids only, no words or numbers).
create table if not exists private.provider_deletions (
  id bigint generated always as identity primary key,
  provider text not null check (provider in ('twilio', 'vapi')),
  -- twilio: 'recording' (its transcriptions go with it) or 'transcription'; vapi: 'call'
  resource text not null check (resource in ('recording', 'transcription', 'call')),
  resource_id text not null check (char_length(resource_id) between 1 and 200),
  organisation_id uuid not null,
  call_id uuid,
  reason text not null check (reason in ('retention', 'patient_erasure', 'organisation_erasure', 'late_transcription', 'other')),
  status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
  attempts integer not null default 0 check (attempts between 0 and 1000),
  next_attempt_at timestamptz not null default now(),
  last_error text check (last_error is null or char_length(last_error) <= 500),
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  constraint provider_deletions_once unique (provider, resource, resource_id),
  constraint provider_deletions_kind check (
    (provider = 'twilio' and resource in ('recording', 'transcription')) or (provider = 'vapi' and resource = 'call'))
);
create index if not exists provider_deletions_due_idx
  on private.provider_deletions (next_attempt_at) where status <> 'done';
create index if not exists provider_deletions_organisation_idx
  on private.provider_deletions (organisation_id, call_id);

alter table private.provider_deletions enable row level security;
revoke all on private.provider_deletions from public, anon, authenticated;
grant all on private.provider_deletions to service_role;

-- The Twilio recording sid in a RecordingUrl (…/Accounts/AC…/Recordings/RE…), or null.
create or replace function private.twilio_recording_sid(p_url text)
returns text
language sql immutable
set search_path = ''
as $$
  select pg_catalog.substring(p_url, '/Recordings/(RE[0-9a-fA-F]{32})(?:[./?]|$)')
$$;
revoke execute on function private.twilio_recording_sid(text) from public, anon, authenticated;

-- Why our copy went: the removing transaction says so with
-- set_config('clinicall.deletion_reason', …, true); 'other' when it did not.
create or replace function private.deletion_reason()
returns text
language sql stable
set search_path = ''
as $$
  select case when v in ('retention', 'patient_erasure', 'organisation_erasure', 'late_transcription') then v else 'other' end
  from (select pg_catalog.current_setting('clinicall.deletion_reason', true) as v) s
$$;
revoke execute on function private.deletion_reason() from public, anon, authenticated;

create or replace function private.request_provider_deletion(
  p_provider text, p_resource text, p_resource_id text, p_organisation_id uuid, p_call_id uuid)
returns void
language sql volatile security definer
set search_path = ''
as $$
  insert into private.provider_deletions (provider, resource, resource_id, organisation_id, call_id, reason)
  select p_provider, p_resource, p_resource_id, p_organisation_id, p_call_id, private.deletion_reason()
  where p_resource_id is not null
  on conflict on constraint provider_deletions_once do nothing
$$;
revoke execute on function private.request_provider_deletion(text, text, text, uuid, uuid) from public, anon, authenticated;
grant execute on function private.request_provider_deletion(text, text, text, uuid, uuid) to service_role;

-- calls: a voicemail recording removed (set to null, not replaced) or its row deleted → Twilio;
-- a row deleted, or its patient erased, while Vapi still holds the call → Vapi.
create or replace function private.calls_request_provider_deletions()
returns trigger
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if old.voicemail_url is not null and (tg_op = 'DELETE' or new.voicemail_url is null) then
    perform private.request_provider_deletion('twilio', 'recording', private.twilio_recording_sid(old.voicemail_url),
                                              old.organisation_id, old.id);
  end if;
  if old.vapi_call_id is not null and old.vapi_deletion_status is distinct from 'done'
     and (tg_op = 'DELETE' or (old.personal_data_erased_at is null and new.personal_data_erased_at is not null)) then
    perform private.request_provider_deletion('vapi', 'call', old.vapi_call_id, old.organisation_id, old.id);
  end if;
  return null;
end
$$;
revoke execute on function private.calls_request_provider_deletions() from public, anon, authenticated;

drop trigger if exists request_provider_deletions_on_update on public.calls;
create trigger request_provider_deletions_on_update
  after update of voicemail_url, personal_data_erased_at on public.calls
  for each row
  when ((old.voicemail_url is not null and new.voicemail_url is null)
        or (old.personal_data_erased_at is null and new.personal_data_erased_at is not null and old.vapi_call_id is not null))
  execute function private.calls_request_provider_deletions();
drop trigger if exists request_provider_deletions_on_delete on public.calls;
create trigger request_provider_deletions_on_delete
  after delete on public.calls
  for each row
  when (old.voicemail_url is not null or old.vapi_call_id is not null)
  execute function private.calls_request_provider_deletions();

-- messages: a voicemail's recording removed or its row deleted → Twilio.
create or replace function private.messages_request_provider_deletions()
returns trigger
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  perform private.request_provider_deletion('twilio', 'recording', private.twilio_recording_sid(old.recording_url),
                                            old.organisation_id, old.call_id);
  return null;
end
$$;
revoke execute on function private.messages_request_provider_deletions() from public, anon, authenticated;

drop trigger if exists request_provider_deletions_on_update on public.messages;
create trigger request_provider_deletions_on_update
  after update of recording_url on public.messages
  for each row
  when (old.recording_url is not null and new.recording_url is null)
  execute function private.messages_request_provider_deletions();
drop trigger if exists request_provider_deletions_on_delete on public.messages;
create trigger request_provider_deletions_on_delete
  after delete on public.messages
  for each row
  when (old.recording_url is not null)
  execute function private.messages_request_provider_deletions();
