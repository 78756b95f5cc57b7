-- Text messages to and from patients (Twilio Messaging). Each clinic has its own Messaging
-- Service, SMS on/off, quiet hours, reminder offsets and optional template overrides. Every
-- outbound text is a row written in the same transaction as the appointment change that causes
-- it (unique per clinic, appointment, kind and appointment version: the dedupe key), sent by the
-- `sms.dispatch` job at its time after re-checking the appointment, consent and quiet hours.
-- Inbound texts (replies) are rows too, unique on Twilio's MessageSid. See docs/decisions/018.

alter table public.organisations
  add column if not exists sms_enabled boolean not null default false,
  add column if not exists sms_messaging_service_sid text,
  add column if not exists sms_quiet_hours_start time not null default '21:00',
  add column if not exists sms_quiet_hours_end time not null default '08:00',
  -- Minutes before the appointment; default 24 h and 2 h.
  add column if not exists sms_reminder_offsets_minutes integer[] not null default '{1440,120}',
  -- {"confirmation": {"en": "...", "ru": "..."}, ...}: overrides of the built-in templates.
  add column if not exists sms_templates jsonb not null default '{}'::jsonb,
  -- When reminders were first turned on (analytics: no-shows before and after).
  add column if not exists sms_enabled_at timestamptz;
alter table public.organisations add constraint organisations_sms_messaging_service_sid_check
  check (sms_messaging_service_sid is null or sms_messaging_service_sid ~ '^MG[0-9a-f]{32}$');
alter table public.organisations add constraint organisations_sms_reminder_offsets_check
  check (cardinality(sms_reminder_offsets_minutes) <= 4
         and 5 <= all (sms_reminder_offsets_minutes) and 20160 >= all (sms_reminder_offsets_minutes));
alter table public.organisations add constraint organisations_sms_templates_check
  check (jsonb_typeof(sms_templates) = 'object' and pg_column_size(sms_templates) <= 16384);

-- A patient who replied 1 confirmed their appointment.
alter table public.appointments add column if not exists patient_confirmed_at timestamptz;

create table if not exists public.sms_messages (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  patient_id uuid,
  appointment_id uuid,
  direction text not null check (direction in ('outbound', 'inbound')),
  kind text not null check (kind in ('confirmation', 'change', 'cancellation', 'reminder', 'reply', 'inbound')),
  -- The appointment's version the text was written for; the job sends only while it still is.
  appointment_version integer,
  -- outbound: "<appointment id>:<kind>[:<offset>]:<version>" (or "reply:<inbound sid>"); unique per clinic.
  dedupe_key text,
  to_number text,
  from_number text,
  body text check (body is null or char_length(body) <= 1600),
  send_at timestamptz,
  -- outbound: pending → sending → queued/accepted → sent → delivered | undelivered | failed;
  -- canceled (appointment changed), suppressed (no consent, opted out, too late). inbound: received.
  status text not null check (status in ('pending', 'sending', 'accepted', 'queued', 'sent', 'delivered',
                                         'undelivered', 'failed', 'canceled', 'suppressed', 'received')),
  status_reason text check (status_reason is null or char_length(status_reason) <= 300),
  twilio_sid text unique check (twilio_sid is null or twilio_sid ~ '^(SM|MM)[0-9a-f]{32}$'),
  error_code integer,
  attempts integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sms_messages_organisation_id_id_key unique (organisation_id, id),
  constraint sms_messages_organisation_dedupe_key unique (organisation_id, dedupe_key),
  constraint sms_messages_patient_fkey foreign key (organisation_id, patient_id)
    references public.patients (organisation_id, id) on delete set null (patient_id),
  constraint sms_messages_appointment_fkey foreign key (organisation_id, appointment_id)
    references public.appointments (organisation_id, id) on delete set null (appointment_id)
);
create index if not exists sms_messages_due_idx on public.sms_messages (send_at) where status = 'pending';
create index if not exists sms_messages_organisation_patient_idx
  on public.sms_messages (organisation_id, patient_id, created_at desc) where patient_id is not null;
create index if not exists sms_messages_organisation_appointment_idx
  on public.sms_messages (organisation_id, appointment_id) where appointment_id is not null;
create index if not exists sms_messages_organisation_created_idx on public.sms_messages (organisation_id, created_at);
alter table public.sms_messages enable row level security;
create trigger set_updated_at before update on public.sms_messages
  for each row execute function public.set_updated_at();

-- Members read their clinic's texts; rows are written only by the service path (the change's
-- transaction, the dispatch job, Twilio's webhooks). A signed-in booking writes its rows through
-- private.queue_sms below, which checks the acting organisation.
revoke all on public.sms_messages from anon, authenticated;
grant select on public.sms_messages to authenticated;
grant all on public.sms_messages to service_role;
create policy "Members can read their organisation's text messages" on public.sms_messages
  for select to authenticated
  using (organisation_id = (select private.acting_organisation_id()));

-- A dashboard (authenticated) transaction that books, moves or cancels writes the texts the
-- change causes through this function: only for the verified acting organisation, only for one
-- of its appointments, only outbound kinds, in that same transaction. (The service path, which
-- bypasses RLS, writes the same rows directly.)
create or replace function private.queue_sms(
  p_appointment_id uuid, p_kind text, p_version integer, p_dedupe_key text,
  p_to text, p_body text, p_send_at timestamptz, p_patient_id uuid
) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_organisation_id uuid := (select private.acting_organisation_id());
begin
  if v_organisation_id is null or not exists (
    select 1 from public.appointments a where a.organisation_id = v_organisation_id and a.id = p_appointment_id
  ) then
    raise exception 'not an appointment of the acting organisation' using errcode = '42501';
  end if;
  if p_kind not in ('confirmation', 'change', 'cancellation', 'reminder') then
    raise exception 'not an appointment text kind' using errcode = '22023';
  end if;
  insert into public.sms_messages (organisation_id, patient_id, appointment_id, direction, kind, appointment_version,
                                   dedupe_key, to_number, body, send_at, status)
  values (v_organisation_id, p_patient_id, p_appointment_id, 'outbound', p_kind, p_version,
          p_dedupe_key, p_to, p_body, p_send_at, 'pending')
  on conflict (organisation_id, dedupe_key) do nothing;
end
$$;
revoke execute on function private.queue_sms(uuid, text, integer, text, text, text, timestamptz, uuid) from public, anon;
grant execute on function private.queue_sms(uuid, text, integer, text, text, text, timestamptz, uuid) to authenticated;

-- Pending texts of an appointment that changed are canceled (a moved appointment's reminders
-- are replaced, not duplicated), through the same check.
create or replace function private.cancel_pending_sms(p_appointment_id uuid, p_reason text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_organisation_id uuid := (select private.acting_organisation_id());
begin
  if v_organisation_id is null then
    raise exception 'not an appointment of the acting organisation' using errcode = '42501';
  end if;
  update public.sms_messages m set status = 'canceled', status_reason = pg_catalog.left(p_reason, 300), updated_at = pg_catalog.now()
    where m.organisation_id = v_organisation_id and m.appointment_id = p_appointment_id and m.status = 'pending';
end
$$;
revoke execute on function private.cancel_pending_sms(uuid, text) from public, anon;
grant execute on function private.cancel_pending_sms(uuid, text) to authenticated;

-- Erasure blanks texts too (body and numbers), keeping the rows and their statuses.
create or replace function private.erase_patient_data(p_organisation_id uuid, p_patient_id uuid)
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_phone text;
begin
  select p.phone_number into v_phone from public.patients p
    where p.organisation_id = p_organisation_id and p.id = p_patient_id
    for update;
  if v_phone is null then
    return false;
  end if;
  update public.calls c set
      from_number = null, transcript = null, summary = null, messages = null,
      structured_data = null, recording_url = null, recording_urls = null, voicemail_url = null,
      personal_data_erased_at = pg_catalog.now()
    where c.organisation_id = p_organisation_id
      and (c.patient_id = p_patient_id or c.from_number = v_phone);
  update public.appointments a set
      customer_name = null, customer_phone = null, description = null, summary = 'Appointment',
      personal_data_erased_at = pg_catalog.now(),
      sync_status = case when a.status <> 'cancelled' and a.end_at > pg_catalog.now() then 'pending' else a.sync_status end,
      sync_version = case when a.status <> 'cancelled' and a.end_at > pg_catalog.now() then a.sync_version + 1 else a.sync_version end,
      sync_attempts = case when a.status <> 'cancelled' and a.end_at > pg_catalog.now() then 0 else a.sync_attempts end,
      sync_next_attempt_at = case when a.status <> 'cancelled' and a.end_at > pg_catalog.now() then pg_catalog.now() else a.sync_next_attempt_at end
    where a.organisation_id = p_organisation_id
      and (a.patient_id = p_patient_id or a.customer_phone = v_phone);
  update public.sms_messages m set
      body = null, to_number = null, from_number = null,
      status = case when m.status = 'pending' then 'canceled' else m.status end
    where m.organisation_id = p_organisation_id
      and (m.patient_id = p_patient_id or m.to_number = v_phone or m.from_number = v_phone);
  delete from public.patients p where p.organisation_id = p_organisation_id and p.id = p_patient_id;
  return true;
end
$$;
