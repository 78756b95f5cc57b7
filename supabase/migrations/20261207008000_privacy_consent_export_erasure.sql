-- Privacy (issue 19, decision 022): recording consent in both languages and the clinic's Vapi
-- compliance mode (on assistant_settings, read by the call path); data exports (a job builds a
-- zip, owners download it for 24 hours); erasure of a whole organisation after a 30-day grace
-- (undoable meanwhile); patient erasure also blanks the recordings and words of the clinic's
-- inbox messages.

-- Consent and compliance -------------------------------------------------------------------------
-- recording_disclosure_enabled / recording_disclosure_text stay: they are the consent switch and
-- its English sentence. The Russian sentence is new; null means our default Russian sentence.
alter table public.assistant_settings
  add column if not exists recording_consent_text_ru text
    check (recording_consent_text_ru is null or char_length(recording_consent_text_ru) between 1 and 500),
  -- 'vapi': Vapi's compliancePlan.recordingConsentPlan (stay-on-line) speaks it before anything is
  -- recorded; 'first_message': it opens the greeting (Vapi plans without consent support).
  add column if not exists consent_delivery text not null default 'vapi'
    check (consent_delivery in ('vapi', 'first_message')),
  -- 'hipaa': compliancePlan.hipaaEnabled (the clinic has Vapi's Enterprise plan or HIPAA add-on);
  -- recordings then exist only in the clinic's own storage bucket.
  add column if not exists compliance_mode text not null default 'standard'
    check (compliance_mode in ('standard', 'hipaa'));

-- A sentence written in Russian under the old single text moves to the Russian one.
update public.assistant_settings
  set recording_consent_text_ru = left(recording_disclosure_text, 500),
      recording_disclosure_text = 'This call may be recorded to help us look after you.'
  where recording_disclosure_text ~ '[А-Яа-яЁё]' and recording_consent_text_ru is null;

-- Data exports -----------------------------------------------------------------------------------
create table if not exists public.data_exports (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  -- the owner who asked (no foreign key: the record outlives the account)
  requested_by uuid,
  status text not null default 'pending' check (status in ('pending', 'ready', 'failed')),
  requested_at timestamptz not null default now(),
  completed_at timestamptz,
  -- ready exports are downloadable until then; the nightly privacy job drops the file after it
  expires_at timestamptz,
  file_name text check (file_name is null or char_length(file_name) <= 200),
  size_bytes integer check (size_bytes is null or size_bytes >= 0),
  content bytea,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint data_exports_organisation_id_id_key unique (organisation_id, id)
);
create index if not exists data_exports_organisation_requested_idx
  on public.data_exports (organisation_id, requested_at desc, id desc);
create trigger set_updated_at before update on public.data_exports
  for each row execute function public.set_updated_at();

alter table public.data_exports enable row level security;
revoke all on public.data_exports from anon, authenticated;
grant all on public.data_exports to service_role;
-- Owners ask for an export (a pending row) and read theirs; the job (service path) fills it.
grant select, insert on public.data_exports to authenticated;

create policy "Owners can read their organisation's exports" on public.data_exports
  for select to authenticated
  using (organisation_id = (select private.acting_owner_organisation_id()));
create policy "Owners can request an export of their organisation" on public.data_exports
  for insert to authenticated
  with check (organisation_id = (select private.acting_owner_organisation_id()) and status = 'pending' and content is null);

-- Organisation erasure ---------------------------------------------------------------------------
alter table public.organisations
  add column if not exists erasure_requested_at timestamptz,
  add column if not exists erasure_requested_by uuid,
  add column if not exists erasure_due_at timestamptz;
create index if not exists organisations_erasure_due_idx
  on public.organisations (erasure_due_at) where erasure_due_at is not null;

-- Admins may update their organisation's row (name, hours...), but the erasure columns change only
-- through the two functions below (owners, typed confirmation), never by a direct UPDATE.
create or replace function private.guard_organisation_erasure_columns() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.erasure_requested_at is distinct from old.erasure_requested_at
      or new.erasure_requested_by is distinct from old.erasure_requested_by
      or new.erasure_due_at is distinct from old.erasure_due_at)
     and current_user in ('authenticated', 'anon') then
    raise exception 'the erasure of an organisation changes only through request_organisation_erasure' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger guard_erasure_columns before update on public.organisations
  for each row execute function private.guard_organisation_erasure_columns();

-- Owners of the verified acting organisation, with its exact name typed: erasure in p_grace_days.
create or replace function public.request_organisation_erasure(p_confirmation text, p_grace_days integer default 30)
returns timestamptz
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_organisation_id uuid := (select private.acting_owner_organisation_id());
  v_name text;
  v_due timestamptz;
begin
  if v_organisation_id is null then
    raise exception 'only an owner of the acting organisation can erase it' using errcode = '42501';
  end if;
  if p_grace_days is null or p_grace_days < 30 or p_grace_days > 365 then
    raise exception 'the grace period is 30 to 365 days' using errcode = '22023';
  end if;
  select o.name into v_name from public.organisations o where o.id = v_organisation_id for update;
  if p_confirmation is null or pg_catalog.btrim(p_confirmation) <> pg_catalog.btrim(v_name) then
    raise exception 'the confirmation does not match the clinic''s name' using errcode = '22023';
  end if;
  update public.organisations o set
      erasure_requested_at = coalesce(o.erasure_requested_at, pg_catalog.now()),
      erasure_requested_by = coalesce(o.erasure_requested_by, auth.uid()),
      erasure_due_at = coalesce(o.erasure_due_at, pg_catalog.now() + pg_catalog.make_interval(days => p_grace_days))
    where o.id = v_organisation_id
    returning o.erasure_due_at into v_due;
  return v_due;
end
$$;
revoke execute on function public.request_organisation_erasure(text, integer) from public, anon;
grant execute on function public.request_organisation_erasure(text, integer) to authenticated;

-- Owners undo a pending erasure during the grace. True when one was pending.
create or replace function public.cancel_organisation_erasure()
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_organisation_id uuid := (select private.acting_owner_organisation_id());
  v_found boolean;
begin
  if v_organisation_id is null then
    raise exception 'only an owner of the acting organisation can cancel its erasure' using errcode = '42501';
  end if;
  update public.organisations o set erasure_requested_at = null, erasure_requested_by = null, erasure_due_at = null
    where o.id = v_organisation_id and o.erasure_due_at is not null;
  get diagnostics v_found = row_count;
  return v_found;
end
$$;
revoke execute on function public.cancel_organisation_erasure() from public, anon;
grant execute on function public.cancel_organisation_erasure() to authenticated;

-- Service path (the nightly privacy job): deletes everything of an organisation whose grace has
-- passed. Every table of `public` with an organisation_id is emptied of its rows, found in the
-- catalog (a table added later is not forgotten), and the organisation itself. False when the
-- organisation is not (or no longer) due.
create or replace function private.erase_organisation(p_organisation_id uuid, p_now timestamptz)
returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_table text;
begin
  perform 1 from public.organisations o
    where o.id = p_organisation_id and o.erasure_due_at is not null and o.erasure_due_at <= p_now
    for update;
  if not found then
    return false;
  end if;
  -- 1. Every table's rows, tolerant: a foreign key or the keep-an-owner trigger may refuse one
  --    table in this order; what is left goes with the organisation below.
  for v_table in
    select c.relname from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname
  loop
    begin
      execute pg_catalog.format('delete from public.%I where organisation_id = $1', v_table) using p_organisation_id;
    exception when others then
      null;
    end;
  end loop;
  -- 2. The organisation: whatever still points at it cascades (the last owner's membership too:
  --    keep_an_owner lets go once the organisation row is gone).
  delete from public.organisations o where o.id = p_organisation_id;
  -- 3. Anything left in a table without such a foreign key; now nothing may refuse.
  for v_table in
    select c.relname from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname
  loop
    execute pg_catalog.format('delete from public.%I where organisation_id = $1', v_table) using p_organisation_id;
  end loop;
  return true;
end
$$;
revoke execute on function private.erase_organisation(uuid, timestamptz) from public, anon, authenticated;
grant execute on function private.erase_organisation(uuid, timestamptz) to service_role;

-- Patient erasure -------------------------------------------------------------------------------
-- As before (calls, appointments, texts), and the clinic's inbox messages left on the patient's
-- calls or from their number lose the caller's words and recordings (voicemail URL included).
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
  update public.messages m set
      caller_number = null, caller_name = null, reason = null, summary = null,
      recording_url = null, transcription = null
    where m.organisation_id = p_organisation_id
      and (m.caller_number = v_phone
           or m.call_id in (select c.id from public.calls c
                              where c.organisation_id = p_organisation_id
                                and (c.patient_id = p_patient_id or c.from_number = v_phone)));
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
revoke execute on function private.erase_patient_data(uuid, uuid) from public, anon, authenticated;
grant execute on function private.erase_patient_data(uuid, uuid) to service_role;
