-- Call logs and analytics: what the dashboard reads from public.calls.
--   * search: `q` matches the caller's number and the transcript (trigram index, any substring),
--     through a membership-checking function so the index is usable under RLS;
--   * outcomes: one classification of (status, ended_reason) shared by every aggregate;
--   * analytics: a covering index so a date range of one clinic is read from the index alone.
-- No new table: every figure is computed from calls and appointments under their existing
-- policies (see docs/architecture.md, "Call logs and analytics", for the measured plans).

-- pg_trgm is a trusted extension (PG13+), so the database owner may create it; PGlite loads it.
create extension if not exists pg_trgm;

-- Search text of a call: the caller's number and the transcript, in one expression so a single
-- trigram index answers `ilike '%…%'` on either. Queries must use this exact expression.
create index if not exists calls_search_trgm_idx on public.calls
  using gin ((coalesce(from_number, '') || ' ' || coalesce(transcript, '')) gin_trgm_ops);

-- What became of a call, in the words the dashboard counts:
--   in_progress  not finished yet (queued, ringing, in-progress, forwarding)
--   transferred  the assistant handed the caller to a person
--   missed       the caller never reached the assistant (no answer, busy, hung up while ringing,
--                clinic not configured, subscription inactive, voicemail)
--   failed       something broke (status failed, provider or pipeline errors)
--   completed    the assistant talked with the caller and the call ended normally
-- Mirrored for explanations in src/lib/ended-reasons.ts; a test checks both agree.
-- Plain SQL without SET clauses so the planner inlines it into aggregates (no per-row call);
-- it reads no tables, so it needs no pinned search_path to be safe.
create or replace function public.call_outcome(status text, ended_reason text) returns text
language sql immutable parallel safe
as $$
  select case
    when status in ('queued', 'ringing', 'in-progress', 'forwarding') then 'in_progress'
    when status = 'failed' then 'failed'
    -- The usual endings first: most rows stop here.
    when ended_reason is null
      or ended_reason in ('customer-ended-call', 'assistant-ended-call', 'assistant-said-end-call-phrase',
                          'assistant-ended-call-after-message-spoken', 'assistant-ended-call-with-hangup-task',
                          'silence-timed-out', 'exceeded-max-duration') then 'completed'
    when ended_reason in ('assistant-forwarded-call', 'call.ringing.hook-executed-transfer',
                          'call.ending.hook-executed-transfer', 'customer-ended-call-during-transfer',
                          'customer-ended-call-after-warm-transfer-attempt', 'call.forwarding.operator-busy',
                          'call.forwarding.no-answer') then 'transferred'
    when ended_reason in ('twilio-no-answer', 'twilio-busy', 'twilio-canceled', 'customer-did-not-answer',
                          'customer-busy', 'clinic-not-configured', 'subscription-inactive', 'voicemail',
                          'manually-canceled', 'call.ringing.sip-inbound-caller-hungup-before-call-connect',
                          'phone-call-provider-bypass-enabled-but-no-call-received',
                          'customer-did-not-give-microphone-permission') then 'missed'
    when ended_reason like 'pipeline-error%'
      or ended_reason like 'call.in-progress.error%'
      or ended_reason like 'call.start.error%'
      or ended_reason like 'call-start-error%'
      or ended_reason like 'assistant-request-%'
      or ended_reason like 'assistant-not-%'
      or ended_reason like '%providerfault%'
      or ended_reason like '%failed%'
      or ended_reason in ('worker-shutdown', 'assistant-join-timed-out', 'phone-call-provider-closed-websocket',
                          'vonage-disconnected', 'vonage-rejected', 'twilio-reported-customer-misdialed',
                          'call-deleted', 'scheduled-call-deleted') then 'failed'
    else 'completed'
  end
$$;
revoke execute on function public.call_outcome(text, text) from public, anon;
grant execute on function public.call_outcome(text, text) to authenticated, service_role;

-- Search under row level security. A policy's quals run before any non-leakproof condition of
-- the query, so under RLS `ilike` can only filter rows the organisation index already fetched:
-- a search of a large clinic read all its calls (~0.5 s for 100,000 calls with empty
-- transcripts; measured in bench/, "Call logs"). This function runs the search as its owner,
-- where the planner may use calls_search_trgm_idx, after checking the caller is a member of the
-- organisation; it returns one page of matching ids, newest first, with the list's filters and
-- keyset. The caller then reads those rows under RLS as usual (src/server/call-logs/).
create or replace function public.search_call_ids(
  p_organisation_id uuid,
  p_pattern text,
  p_limit integer,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_statuses text[] default null,
  p_outcome text default null,
  p_before_created_at timestamptz default null,
  p_before_id uuid default null
) returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
declare
  conditions text := 'c.organisation_id = $1'
    || ' and (coalesce(c.from_number, '''') || '' '' || coalesce(c.transcript, '''')) ilike $2';
begin
  if p_organisation_id is null or p_pattern is null
     or not (p_organisation_id = any (array(select public.user_organisation_ids()))) then
    return;
  end if;
  if p_from is not null then conditions := conditions || ' and c.created_at >= $4'; end if;
  if p_to is not null then conditions := conditions || ' and c.created_at < $5'; end if;
  if p_statuses is not null then conditions := conditions || ' and c.status = any ($6)'; end if;
  if p_outcome is not null then conditions := conditions || ' and public.call_outcome(c.status, c.ended_reason) = $7'; end if;
  if p_before_created_at is not null and p_before_id is not null then
    conditions := conditions || ' and (c.created_at, c.id) < ($8, $9)';
  end if;
  -- Built from fixed fragments only; every value is a parameter.
  return query execute
    'select c.id from public.calls c where ' || conditions
    || ' order by c.created_at desc, c.id desc limit least(greatest($3, 0), 1000)'
    using p_organisation_id, p_pattern, p_limit, p_from, p_to, p_statuses, p_outcome, p_before_created_at, p_before_id;
end
$$;
revoke execute on function public.search_call_ids(uuid, text, integer, timestamptz, timestamptz, text[], text, timestamptz, uuid)
  from public, anon;
grant execute on function public.search_call_ids(uuid, text, integer, timestamptz, timestamptz, text[], text, timestamptz, uuid)
  to authenticated;

-- Analytics and dashboard figures read a clinic's calls by date range. Everything they
-- aggregate is in the index, so a 90-day range is an index-only scan instead of one heap page
-- per call (a clinic's calls are spread over the whole table).
create index if not exists calls_organisation_analytics_idx on public.calls
  (organisation_id, created_at)
  include (id, status, ended_reason, duration_seconds, cost, language);
