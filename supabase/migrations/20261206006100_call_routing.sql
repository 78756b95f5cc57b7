-- How a clinic's calls reach a person (one row per clinic; absent = the defaults below):
-- the staff ring group (up to 10 numbers rung together, each with a name and whether it gets SMS
-- notifications), how long it rings, whether staff are rung before the assistant in opening
-- hours, what happens after hours (the assistant, voicemail, or forwarding to an on-call
-- number), what happens when nobody answers a transfer, and whether an emergency is put through
-- to the on-call number. Members read it, admins write it. See docs/decisions/017-reaching-a-person.md.
create table if not exists public.call_routing (
  organisation_id uuid primary key references public.organisations (id) on delete cascade,
  -- [{ "name": "Front desk", "number": "+442079460001", "sms": true }, ...]
  staff_destinations jsonb not null default '[]'::jsonb
    check (jsonb_typeof(staff_destinations) = 'array' and jsonb_array_length(staff_destinations) <= 10),
  ring_timeout_seconds integer not null default 20 check (ring_timeout_seconds between 5 and 60),
  ring_staff_first boolean not null default false,
  ring_staff_first_seconds integer not null default 15 check (ring_staff_first_seconds between 5 and 60),
  no_answer text not null default 'voicemail' check (no_answer in ('voicemail', 'callback')),
  after_hours_mode text not null default 'assistant' check (after_hours_mode in ('assistant', 'voicemail', 'forward')),
  on_call_number text check (on_call_number ~ '^\+[1-9][0-9]{6,14}$'),
  emergency_transfer boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- forwarding after hours and emergency transfers need somewhere to go
  constraint call_routing_on_call_needed check (
    on_call_number is not null or (after_hours_mode <> 'forward' and not emergency_transfer))
);

create trigger set_updated_at before update on public.call_routing
  for each row execute function public.set_updated_at();

alter table public.call_routing enable row level security;
revoke all on public.call_routing from anon, authenticated;
grant all on public.call_routing to service_role;
grant select, insert, update, delete on public.call_routing to authenticated;

create policy "Members can read their organisation's call routing" on public.call_routing
  for select to authenticated
  using (organisation_id = (select private.acting_organisation_id()));
create policy "Admins can add their organisation's call routing" on public.call_routing
  for insert to authenticated
  with check (organisation_id = (select private.acting_admin_organisation_id()));
create policy "Admins can change their organisation's call routing" on public.call_routing
  for update to authenticated
  using (organisation_id = (select private.acting_admin_organisation_id()))
  with check (organisation_id = (select private.acting_admin_organisation_id()));
create policy "Admins can delete their organisation's call routing" on public.call_routing
  for delete to authenticated
  using (organisation_id = (select private.acting_admin_organisation_id()));
