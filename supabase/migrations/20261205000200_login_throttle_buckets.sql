-- Log-in throttling by growing delays, per client address and per (client address, email).
--
-- Replaces login_failures, which locked an email for 15 minutes after 10 failures from anywhere:
-- anyone could lock a person out by typing their email ten times, and its count-then-insert was
-- not atomic (concurrent wrong passwords all saw the same count). Now each bucket is one row,
-- keyed by what it throttles ('ip:<address>' or 'ip-email:<address> <email>'), and one
-- `insert ... on conflict do update ... where blocked_until <= now` both checks and counts an
-- attempt: the row lock serialises concurrent attempts on the same bucket, so no burst gets more
-- attempts than the bucket allows. See docs/decisions/008-login-throttling.md.
create table if not exists public.login_throttle_buckets (
  key text primary key check (length(key) <= 600),
  -- attempts counted since the bucket was last quiet (a success, or `forget_after` without one)
  failures integer not null default 0 check (failures >= 0),
  -- no attempt is admitted before this moment
  blocked_until timestamptz,
  last_attempt_at timestamptz not null
);
-- The service path only: no API role reads or writes it.
alter table public.login_throttle_buckets enable row level security;
revoke all on public.login_throttle_buckets from anon, authenticated;
-- Old buckets are purged by last_attempt_at.
create index if not exists login_throttle_buckets_last_attempt_at_idx on public.login_throttle_buckets (last_attempt_at);

drop table if exists public.login_failures;
