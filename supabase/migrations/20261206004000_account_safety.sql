-- Account safety: verified addresses, single-use account links (password reset, address
-- verification, email change, the two-factor step of sign-in), two-factor sign-in (TOTP) with
-- recovery codes, email notification choices, each session's device and address, and a clinic's
-- two-factor requirement. Decision 015.
--
-- These are a person's rows, not a clinic's (a person may belong to several): like user_sessions
-- they are read and written on the auth pool only (RLS on, no policy, no grant to anon or
-- authenticated). Every secret is stored as a hash (links, recovery codes) or sealed under
-- ENCRYPTION_KEY (the TOTP secret).

create table if not exists public.account_security (
  user_id uuid primary key references auth.users (id) on delete cascade,
  -- when the current address was confirmed; null: not yet
  email_verified_at timestamptz,
  -- when the last verification email was sent (the resend cooldown)
  verification_sent_at timestamptz,
  -- the TOTP secret, sealed (v1.<iv>.<tag>.<ciphertext>); set at enrolment, in use once confirmed
  totp_secret text check (totp_secret is null or (totp_secret like 'v1.%' and length(totp_secret) <= 500)),
  totp_enabled_at timestamptz,
  -- the last 30-second step a code was accepted for: a code is never accepted twice
  totp_last_step bigint,
  -- which notifications the person gets by email: {"<kind>": true|false}; a kind not listed is on
  email_notifications jsonb not null default '{}'::jsonb check (jsonb_typeof(email_notifications) = 'object' and length(email_notifications::text) <= 2000),
  updated_at timestamptz not null default now()
);
alter table public.account_security enable row level security;
revoke all on public.account_security from anon, authenticated;

-- Every person who had an account before verification existed keeps inviting and connecting.
insert into public.account_security (user_id, email_verified_at)
select id, created_at from auth.users
on conflict (user_id) do nothing;

create table if not exists public.account_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  purpose text not null check (purpose in ('password_reset', 'verify_email', 'two_factor_sign_in')),
  -- SHA-256 of the link's token; the token itself is only in the email (or the sign-in answer)
  token_hash text not null unique check (length(token_hash) = 64),
  -- verify_email: the address this link confirms (the account's, or the new one of a change)
  email text check (email is null or (email = lower(email) and length(email) <= 254)),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  -- two_factor_sign_in: wrong codes so far (the challenge dies after 5)
  attempts integer not null default 0 check (attempts >= 0)
);
create index if not exists account_tokens_user_purpose_idx on public.account_tokens (user_id, purpose, created_at desc);
create index if not exists account_tokens_expires_at_idx on public.account_tokens (expires_at);
alter table public.account_tokens enable row level security;
revoke all on public.account_tokens from anon, authenticated;

create table if not exists public.recovery_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  -- SHA-256 of the code (ten random characters each: a hash is enough, nobody can guess one)
  code_hash text not null check (length(code_hash) = 64),
  created_at timestamptz not null default now(),
  used_at timestamptz,
  unique (user_id, code_hash)
);
alter table public.recovery_codes enable row level security;
revoke all on public.recovery_codes from anon, authenticated;

-- The sessions list: what device and address each session was opened from.
alter table public.user_sessions add column if not exists user_agent text check (user_agent is null or length(user_agent) <= 300);
alter table public.user_sessions add column if not exists ip_address text check (ip_address is null or length(ip_address) <= 64);

-- An owner can require two-factor sign-in of everyone in the clinic.
alter table public.organisations add column if not exists require_two_factor boolean not null default false;
