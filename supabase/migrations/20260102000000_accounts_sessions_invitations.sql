-- Accounts: server-side sessions, login throttling, invitations, and the rule that every
-- organisation keeps at least one owner.

-- Sessions: only the SHA-256 of the random token is stored. Read and written by the server on
-- the service path only (RLS on, no grants to anon or authenticated).
create table if not exists public.user_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  token_hash text not null unique,
  current_organisation_id uuid references public.organisations (id) on delete set null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index if not exists user_sessions_user_id_idx on public.user_sessions (user_id);
alter table public.user_sessions enable row level security;
revoke all on public.user_sessions from anon, authenticated;

-- Failed logins per email, for throttling (more than 10 in 15 minutes → 429).
create table if not exists public.login_failures (
  id bigint generated always as identity primary key,
  email text not null,
  failed_at timestamptz not null default now()
);
create index if not exists login_failures_email_failed_at_idx on public.login_failures (email, failed_at desc);
alter table public.login_failures enable row level security;
revoke all on public.login_failures from anon, authenticated;

-- Invitations: a single-use link valid for 7 days; only the token's SHA-256 is stored.
create table if not exists public.organisation_invitations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  email text not null check (email = lower(email) and position('@' in email) > 1),
  role text not null check (role in ('owner', 'admin', 'member')),
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz
);
create index if not exists organisation_invitations_organisation_idx
  on public.organisation_invitations (organisation_id, created_at desc);
alter table public.organisation_invitations enable row level security;
revoke all on public.organisation_invitations from anon, authenticated;
grant all on public.organisation_invitations to service_role;
-- The token hash never goes back to a person's session.
grant select (id, organisation_id, email, role, invited_by, created_at, expires_at, accepted_at,
              accepted_by, revoked_at)
  on public.organisation_invitations to authenticated;
grant insert, update on public.organisation_invitations to authenticated;

create policy "Admins can read their organisation's invitations" on public.organisation_invitations
  for select to authenticated
  using (organisation_id = any (array(select public.user_admin_organisation_ids())));
create policy "Admins can invite, and only owners invite owners" on public.organisation_invitations
  for insert to authenticated
  with check (
    organisation_id = any (array(select public.user_admin_organisation_ids()))
    and (role <> 'owner' or organisation_id = any (array(select public.user_owner_organisation_ids())))
  );
create policy "Admins can revoke their organisation's invitations" on public.organisation_invitations
  for update to authenticated
  using (organisation_id = any (array(select public.user_admin_organisation_ids())))
  with check (
    organisation_id = any (array(select public.user_admin_organisation_ids()))
    and (role <> 'owner' or organisation_id = any (array(select public.user_owner_organisation_ids())))
  );

-- Every organisation keeps at least one owner. The organisation row is locked first so two
-- owners demoting each other at the same moment cannot both succeed. When the organisation
-- itself is being deleted (cascade), there is nothing left to protect.
create or replace function public.keep_an_owner() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if old.role <> 'owner' or (tg_op = 'UPDATE' and new.role = 'owner') then
    return coalesce(new, old);
  end if;
  perform 1 from public.organisations where id = old.organisation_id for update;
  if not found then
    return coalesce(new, old);
  end if;
  if not exists (
    select 1 from public.organisation_members
    where organisation_id = old.organisation_id and role = 'owner' and user_id <> old.user_id
  ) then
    raise exception 'an organisation must keep at least one owner'
      using errcode = 'P0001', hint = 'last_owner';
  end if;
  return coalesce(new, old);
end;
$$;
revoke execute on function public.keep_an_owner() from public, anon, authenticated;

create trigger keep_an_owner
  before update of role or delete on public.organisation_members
  for each row execute function public.keep_an_owner();

-- The Team page lists members with their email. auth.users is not readable by `authenticated`
-- (on Supabase it never is), so this definer function returns exactly the members of the
-- organisations the caller belongs to, and nothing else of auth.users.
create or replace function public.organisation_members_with_email()
returns table (organisation_id uuid, user_id uuid, email text, role text, joined_at timestamptz)
language sql stable security definer
set search_path = ''
as $$
  select m.organisation_id, m.user_id, u.email::text, m.role, m.created_at
  from public.organisation_members m
  join auth.users u on u.id = m.user_id
  where m.organisation_id = any (array(select public.user_organisation_ids()))
$$;
revoke execute on function public.organisation_members_with_email() from public, anon;
grant execute on function public.organisation_members_with_email() to authenticated;
