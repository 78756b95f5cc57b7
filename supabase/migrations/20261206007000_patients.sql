-- Patients: one row per clinic and phone number (E.164), never shared between clinics even for
-- the same number. Created or updated by the incoming-call webhook (caller id) and by bookings;
-- staff edit the name, notes, language and SMS consent. Calls and appointments point at it.
-- Appointments learn where their last change came from (phone, sms, dashboard) and by whom.
-- Erasure (public.erase_patient for admins, private.erase_patient_data for the service path)
-- blanks the patient's personal data in calls and appointments and deletes the patient row,
-- keeping the rows themselves so counts and analytics stay right. See docs/decisions/018.

create table if not exists public.patients (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  phone_number text not null check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  name text check (name is null or char_length(name) between 1 and 120),
  -- Other names heard on calls or given at bookings (most recent first, at most 5).
  other_names text[] not null default '{}' check (cardinality(other_names) <= 5),
  preferred_language text check (preferred_language in ('en', 'ru')),
  notes text check (notes is null or char_length(notes) <= 4000),
  -- What staff recorded: unknown (transactional texts allowed), granted, or revoked (no texts).
  sms_consent text not null default 'unknown' check (sms_consent in ('unknown', 'granted', 'revoked')),
  -- Mirrors the carrier/Twilio opt-out (STOP…); set and cleared only by Twilio's signals.
  sms_opted_out_at timestamptz,
  first_call_at timestamptz,
  last_call_at timestamptz,
  -- The last call or booking: the list's order (keyset on (last_seen_at, id)).
  last_seen_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint patients_organisation_id_id_key unique (organisation_id, id),
  constraint patients_organisation_phone_number_key unique (organisation_id, phone_number)
);
create index if not exists patients_organisation_last_seen_idx
  on public.patients (organisation_id, last_seen_at desc, id desc);
alter table public.patients enable row level security;
create trigger set_updated_at before update on public.patients
  for each row execute function public.set_updated_at();

revoke all on public.patients from anon, authenticated;
grant select, insert, update on public.patients to authenticated;
grant delete on public.patients to authenticated;
grant all on public.patients to service_role;

-- Members read, create (a dashboard booking) and edit patients; only admins delete (erasure).
create policy "Members can read their organisation's patients" on public.patients
  for select to authenticated
  using (organisation_id = (select private.acting_organisation_id()));
create policy "Members can add their organisation's patients" on public.patients
  for insert to authenticated
  with check (organisation_id = (select private.acting_organisation_id()));
create policy "Members can change their organisation's patients" on public.patients
  for update to authenticated
  using (organisation_id = (select private.acting_organisation_id()))
  with check (organisation_id = (select private.acting_organisation_id()));
create policy "Admins can delete their organisation's patients" on public.patients
  for delete to authenticated
  using (organisation_id = (select private.acting_admin_organisation_id()));

-- Calls and appointments point at their patient (same organisation: the key carries it).
alter table public.calls
  add column if not exists patient_id uuid,
  add column if not exists personal_data_erased_at timestamptz;
alter table public.calls add constraint calls_patient_fkey foreign key (organisation_id, patient_id)
  references public.patients (organisation_id, id) on delete set null (patient_id);
create index if not exists calls_organisation_patient_idx
  on public.calls (organisation_id, patient_id, created_at desc) where patient_id is not null;

alter table public.appointments
  add column if not exists patient_id uuid,
  add column if not exists personal_data_erased_at timestamptz,
  -- Bumped by every change a patient would be told about (time, cancellation): SMS rows are
  -- unique per (appointment, kind, version), and a job re-checks it before sending.
  add column if not exists version integer not null default 1,
  add column if not exists created_via text,
  add column if not exists changed_via text,
  add column if not exists changed_by uuid references auth.users (id) on delete set null,
  add column if not exists changed_at timestamptz,
  add column if not exists no_show_at timestamptz;
alter table public.appointments add constraint appointments_created_via_check
  check (created_via is null or created_via in ('phone', 'sms', 'dashboard'));
alter table public.appointments add constraint appointments_changed_via_check
  check (changed_via is null or changed_via in ('phone', 'sms', 'dashboard'));
alter table public.appointments add constraint appointments_patient_fkey foreign key (organisation_id, patient_id)
  references public.patients (organisation_id, id) on delete set null (patient_id);
create index if not exists appointments_organisation_patient_idx
  on public.appointments (organisation_id, patient_id, start_at) where patient_id is not null;
create index if not exists appointments_changed_by_idx on public.appointments (changed_by) where changed_by is not null;
update public.appointments set created_via = case when call_id is not null then 'phone' else 'dashboard' end
  where created_via is null;

-- Erasure --------------------------------------------------------------------------------------
-- Blanks what identifies the patient in their clinic's calls and appointments (linked by
-- patient_id, or by the number for rows older than the link) and deletes the patient row. The
-- rows stay (status, times, durations, outcomes), so counts and analytics do not change. Live
-- appointments are queued to the calendar outbox so the Google event loses the name too.
-- Service path (retention, privacy requests): no role check; callers filter by organisation.
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
  delete from public.patients p where p.organisation_id = p_organisation_id and p.id = p_patient_id;
  return true;
end
$$;
revoke execute on function private.erase_patient_data(uuid, uuid) from public, anon, authenticated;
grant execute on function private.erase_patient_data(uuid, uuid) to service_role;

-- The dashboard's DELETE /api/patients/:id: admins of the verified acting organisation only.
create or replace function public.erase_patient(p_patient_id uuid)
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_organisation_id uuid := (select private.acting_admin_organisation_id());
begin
  if v_organisation_id is null then
    raise exception 'only an admin of the acting organisation can erase a patient' using errcode = '42501';
  end if;
  return private.erase_patient_data(v_organisation_id, p_patient_id);
end
$$;
revoke execute on function public.erase_patient(uuid) from public, anon;
grant execute on function public.erase_patient(uuid) to authenticated;
