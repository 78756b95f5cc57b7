-- The call pipeline: what a call row keeps from Twilio and Vapi, and the order its status moves in.

alter table public.calls
  add column if not exists assistant_snapshot jsonb,
  add column if not exists twiml text,
  add column if not exists failure_reason text,
  add column if not exists language text,
  add column if not exists messages jsonb,
  add column if not exists structured_data jsonb,
  add column if not exists success_evaluation text,
  add column if not exists recording_urls jsonb,
  add column if not exists cost_breakdown jsonb,
  add column if not exists voicemail_url text,
  add column if not exists report_received_at timestamptz;

-- A call moves forward only: a late "ringing" never overwrites "ended".
--   queued < ringing < in-progress < forwarding < ended | failed
create or replace function public.call_status_rank(status text) returns integer
language sql immutable
set search_path = ''
as $$
  select case status
    when 'queued' then 0
    when 'ringing' then 1
    when 'in-progress' then 2
    when 'forwarding' then 3
    when 'ended' then 4
    when 'failed' then 4
    else -1
  end
$$;

-- Existing rows may use other words; map the common ones before the check.
update public.calls set status = case
    when status in ('completed', 'busy', 'no-answer', 'canceled', 'cancelled') then 'ended'
    when status = 'in_progress' then 'in-progress'
    else 'ended'
  end
  where public.call_status_rank(status) < 0;
alter table public.calls add constraint calls_status_check
  check (public.call_status_rank(status) >= 0);

-- Finding a call by the number that called (support, search) within an organisation.
create index if not exists calls_organisation_from_number_idx on public.calls (organisation_id, from_number);
