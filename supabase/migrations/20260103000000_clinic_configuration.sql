-- Clinic configuration: what the assistant needs to answer a clinic's calls. Intents gain an
-- action and an order; working hours become ranges per weekday in the clinic's timezone plus
-- dated exceptions (holidays); assistant settings gain language, after-hours, disclosure and
-- call-length options.

-- The clinic's timezone (IANA). Working hours, slots and analytics are computed in it.
alter table public.organisations add column if not exists timezone text not null default 'UTC';

-- Intents ---------------------------------------------------------------------------------
alter table public.intents add column if not exists action text not null default 'answer';
alter table public.intents add constraint intents_action_check
  check (action in ('answer', 'book_appointment', 'transfer_to_human', 'take_message'));
alter table public.intents add column if not exists position integer not null default 0;

-- Names are unique per organisation, ignoring case. Older duplicates get a numbered suffix
-- rather than being dropped.
update public.intents i set name = i.name || ' (' || d.n || ')'
  from (
    select id, row_number() over (partition by organisation_id, lower(name) order by created_at, id) as n
    from public.intents
  ) d
  where d.id = i.id and d.n > 1;
create unique index if not exists intents_organisation_name_key on public.intents (organisation_id, lower(name));
create index if not exists intents_organisation_position_idx on public.intents (organisation_id, position, created_at);

-- Order existing intents by age so the prompt keeps a stable order.
update public.intents i set position = d.n
  from (select id, row_number() over (partition by organisation_id order by created_at, id) - 1 as n from public.intents) d
  where d.id = i.id and i.position = 0;

-- Working hours ---------------------------------------------------------------------------
-- One row per open range of a weekday (0 = Sunday). A weekday with no rows is closed.
-- Baseline rows marked closed, or without times, carried no range: they go.
delete from public.working_hours where is_closed or opens_at is null or closes_at is null;
alter table public.working_hours alter column opens_at set not null;
alter table public.working_hours alter column closes_at set not null;
-- A range that runs to midnight closes at 24:00 (a valid Postgres time).
alter table public.working_hours add constraint working_hours_range_check
  check (opens_at < closes_at) not valid;
create index if not exists working_hours_organisation_day_idx on public.working_hours (organisation_id, day_of_week, opens_at);

-- Dated exceptions: a holiday (closed) or special hours for one local date.
create table if not exists public.working_hours_exceptions (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  date date not null,
  closed boolean not null default false,
  -- [{"opens_at":"09:00","closes_at":"13:00"}, ...] when not closed
  ranges jsonb not null default '[]'::jsonb check (jsonb_typeof(ranges) = 'array'),
  label text check (label is null or char_length(label) <= 120),
  user_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organisation_id, date)
);
alter table public.working_hours_exceptions enable row level security;
revoke all on public.working_hours_exceptions from anon, authenticated;
grant all on public.working_hours_exceptions to service_role;
grant select, insert, update, delete on public.working_hours_exceptions to authenticated;
create trigger set_updated_at before update on public.working_hours_exceptions
  for each row execute function public.set_updated_at();

create policy "Members can read their organisation's working hours exceptions" on public.working_hours_exceptions
  for select to authenticated
  using (organisation_id = any (array(select public.user_organisation_ids())));
create policy "Admins can add their organisation's working hours exceptions" on public.working_hours_exceptions
  for insert to authenticated
  with check (organisation_id = any (array(select public.user_admin_organisation_ids())));
create policy "Admins can change their organisation's working hours exceptions" on public.working_hours_exceptions
  for update to authenticated
  using (organisation_id = any (array(select public.user_admin_organisation_ids())))
  with check (organisation_id = any (array(select public.user_admin_organisation_ids())));
create policy "Admins can delete their organisation's working hours exceptions" on public.working_hours_exceptions
  for delete to authenticated
  using (organisation_id = any (array(select public.user_admin_organisation_ids())));

-- Assistant settings ----------------------------------------------------------------------
alter table public.assistant_settings
  add column if not exists default_language text not null default 'auto',
  add column if not exists after_hours_behaviour text not null default 'take_message',
  add column if not exists recording_disclosure_enabled boolean not null default true,
  add column if not exists recording_disclosure_text text not null
    default 'This call may be recorded to help us look after you.',
  add column if not exists max_call_minutes integer not null default 10,
  add column if not exists emergency_message text not null
    default 'If this is a medical emergency, please hang up and call your local emergency number now.';
alter table public.assistant_settings add constraint assistant_settings_default_language_check
  check (default_language in ('en', 'ru', 'auto'));
alter table public.assistant_settings add constraint assistant_settings_after_hours_behaviour_check
  check (after_hours_behaviour in ('take_message', 'transfer', 'inform_and_end'));
alter table public.assistant_settings add constraint assistant_settings_max_call_minutes_check
  check (max_call_minutes between 1 and 60);
alter table public.assistant_settings add constraint assistant_settings_transfer_number_check
  check (transfer_number is null or transfer_number ~ '^\+[1-9][0-9]{6,14}$') not valid;
