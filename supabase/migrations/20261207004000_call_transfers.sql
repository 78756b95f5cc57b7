-- Each time a live call is put through to a person: the assistant's transfer_to_staff tool, the
-- ring-staff-first plan before the assistant, an emergency put through to the on-call number,
-- after-hours forwarding, or the fallback when the assistant's stream ends unexpectedly. The
-- row is the transfer's state (requested → dialing → answered | no_answer | failed), who took the
-- call and for how long, and what the caller got when nobody did. Written by the service path
-- (webhooks and the calls.transfer job) only; members read it on the Calls page and in analytics.
-- See docs/decisions/019-live-transfer.md.
create table if not exists public.call_transfers (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  call_id uuid not null,
  kind text not null check (kind in ('assistant', 'ring_first', 'emergency', 'after_hours', 'fallback')),
  reason text check (length(reason) <= 500),
  summary text check (length(summary) <= 2000),
  -- [{ "name": "Front desk", "number": "+442079460001" }, ...] as rung (at most 10, Twilio's <Dial> limit)
  destinations jsonb not null default '[]'::jsonb
    check (jsonb_typeof(destinations) = 'array' and jsonb_array_length(destinations) <= 10),
  status text not null default 'requested'
    check (status in ('requested', 'dialing', 'answered', 'no_answer', 'failed')),
  answered_by_name text check (length(answered_by_name) <= 100),
  answered_by_number text check (answered_by_number ~ '^\+[1-9][0-9]{6,14}$'),
  -- Twilio's DialCallStatus as sent (completed, no-answer, busy, failed, canceled)
  dial_call_status text check (length(dial_call_status) <= 20),
  -- how long the caller and the staff member talked
  duration_seconds integer check (duration_seconds between 0 and 604800),
  -- what the caller got when nobody took the call
  fallback text check (fallback in ('voicemail', 'callback', 'assistant', 'hangup')),
  dialed_at timestamptz,
  ended_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint call_transfers_organisation_id_id_key unique (organisation_id, id),
  constraint call_transfers_call_fkey foreign key (organisation_id, call_id)
    references public.calls (organisation_id, id) on delete cascade
);

-- One transfer in flight per call: a retried tool call or a racing webhook cannot start a second.
create unique index if not exists call_transfers_one_active_idx on public.call_transfers (organisation_id, call_id)
  where status in ('requested', 'dialing');
create index if not exists call_transfers_call_idx on public.call_transfers (organisation_id, call_id, created_at);
create index if not exists call_transfers_created_idx on public.call_transfers (organisation_id, created_at);

create trigger set_updated_at before update on public.call_transfers
  for each row execute function public.set_updated_at();

alter table public.call_transfers enable row level security;
revoke all on public.call_transfers from anon, authenticated;
grant all on public.call_transfers to service_role;
grant select on public.call_transfers to authenticated;

create policy "Members can read their organisation's call transfers" on public.call_transfers
  for select to authenticated
  using (organisation_id = (select private.acting_organisation_id()));
