-- Row level security compares with a *verified* acting organisation.
--
-- Since 20260109000000_acting_organisation.sql every policy compared organisation_id with the
-- transaction-local setting `clinicall.acting_organisation_id`, trusted as it stood. A session
-- running as `authenticated` with user A's claims could set it (and `clinicall.acting_role`) by
-- hand with set_config and read and write organisation B's rows, also through the two
-- SECURITY DEFINER helpers that trusted it. Row level security is the last line of defence against
-- exactly the bug that lets SQL in, so the setting is now only a *choice*: the organisation a policy
-- compares with is the recorded one only while auth.uid() is a member of it with the role needed.
--
-- private.acting_organisation_id(), acting_admin_organisation_id() and
-- acting_owner_organisation_id() do that check (one primary-key look-up in organisation_members).
-- They run with their owner's rights (to read organisation_members whatever its policies say),
-- pin `search_path = ''` and live in a schema no API exposes (`private`: usage and execute only).
-- Every policy calls them as `(select private.acting_...())`: the planner makes that an InitPlan,
-- evaluated once per statement, and still sees an equality it uses as the index condition (the
-- newest-first walk of calls (organisation_id, created_at desc, id desc), no sort). The role comes
-- from the membership row, never from a setting, so `clinicall.acting_role` is no longer read.
-- See docs/decisions/005-verified-acting-organisation.md.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create or replace function private.acting_organisation_id() returns uuid
language sql stable security definer
set search_path = ''
as $$
  select m.organisation_id
  from public.organisation_members m
  where m.organisation_id = nullif(pg_catalog.current_setting('clinicall.acting_organisation_id', true), '')::uuid
    and m.user_id = auth.uid()
$$;

create or replace function private.acting_admin_organisation_id() returns uuid
language sql stable security definer
set search_path = ''
as $$
  select m.organisation_id
  from public.organisation_members m
  where m.organisation_id = nullif(pg_catalog.current_setting('clinicall.acting_organisation_id', true), '')::uuid
    and m.user_id = auth.uid()
    and m.role in ('owner', 'admin')
$$;

create or replace function private.acting_owner_organisation_id() returns uuid
language sql stable security definer
set search_path = ''
as $$
  select m.organisation_id
  from public.organisation_members m
  where m.organisation_id = nullif(pg_catalog.current_setting('clinicall.acting_organisation_id', true), '')::uuid
    and m.user_id = auth.uid()
    and m.role = 'owner'
$$;

revoke execute on function private.acting_organisation_id() from public, anon;
revoke execute on function private.acting_admin_organisation_id() from public, anon;
revoke execute on function private.acting_owner_organisation_id() from public, anon;
grant execute on function private.acting_organisation_id() to authenticated, service_role;
grant execute on function private.acting_admin_organisation_id() to authenticated, service_role;
grant execute on function private.acting_owner_organisation_id() to authenticated, service_role;

-- Choosing the organisation: unchanged contract (42501 for a non-member, nothing recorded), but
-- only the organisation is recorded; the policies read the role from the membership itself.
create or replace function public.act_for_organisation(p_organisation_id uuid) returns text
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  member_role text;
begin
  select m.role into member_role
  from public.organisation_members m
  where m.organisation_id = p_organisation_id and m.user_id = auth.uid();
  if member_role is null then
    raise exception 'the signed-in user is not a member of organisation %', p_organisation_id
      using errcode = '42501';
  end if;
  perform pg_catalog.set_config('clinicall.acting_organisation_id', p_organisation_id::text, true);
  return member_role;
end
$$;

-- The policies: same names, roles, commands and role ladder; only the organisation test changes.

-- organisations
alter policy "Members can read their organisations" on public.organisations
  using (id = (select private.acting_organisation_id()));
alter policy "Admins can update their organisation" on public.organisations
  using (id = (select private.acting_admin_organisation_id()))
  with check (id = (select private.acting_admin_organisation_id()));
alter policy "Owners can delete their organisation" on public.organisations
  using (id = (select private.acting_owner_organisation_id()));

-- organisation_members
alter policy "Members can read their organisation's members" on public.organisation_members
  using (organisation_id = (select private.acting_organisation_id()));
alter policy "Owners can add members" on public.organisation_members
  with check (organisation_id = (select private.acting_owner_organisation_id()));
alter policy "Owners can change members' roles" on public.organisation_members
  using (organisation_id = (select private.acting_owner_organisation_id()))
  with check (organisation_id = (select private.acting_owner_organisation_id()));
alter policy "Owners can remove members and anyone can leave" on public.organisation_members
  using (
    organisation_id = (select private.acting_owner_organisation_id())
    or (organisation_id = (select private.acting_organisation_id()) and user_id = (select auth.uid()))
  );

-- Configuration tables: members read, admins write.
do $$
declare
  t text;
  label text;
begin
  foreach t in array array['phone_numbers', 'intents', 'assistant_settings', 'working_hours',
                           'working_hours_exceptions', 'assistants'] loop
    label := replace(t, '_', ' ');
    execute format('alter policy %I on public.%I using (organisation_id = (select private.acting_organisation_id()))',
      'Members can read their organisation''s ' || label, t);
    execute format('alter policy %I on public.%I with check (organisation_id = (select private.acting_admin_organisation_id()))',
      'Admins can add their organisation''s ' || label, t);
    execute format('alter policy %I on public.%I using (organisation_id = (select private.acting_admin_organisation_id()))
      with check (organisation_id = (select private.acting_admin_organisation_id()))',
      'Admins can change their organisation''s ' || label, t);
    execute format('alter policy %I on public.%I using (organisation_id = (select private.acting_admin_organisation_id()))',
      'Admins can delete their organisation''s ' || label, t);
  end loop;
end $$;

-- Read-only for people: calls (written by the webhooks) and subscriptions (written by billing).
alter policy "Members can read their organisation's calls" on public.calls
  using (organisation_id = (select private.acting_organisation_id()));
alter policy "Members can read their organisation's subscriptions" on public.subscriptions
  using (organisation_id = (select private.acting_organisation_id()));

-- Appointments: every member manages them.
alter policy "Members can read their organisation's appointments" on public.appointments
  using (organisation_id = (select private.acting_organisation_id()));
alter policy "Members can book their organisation's appointments" on public.appointments
  with check (organisation_id = (select private.acting_organisation_id()));
alter policy "Members can change their organisation's appointments" on public.appointments
  using (organisation_id = (select private.acting_organisation_id()))
  with check (organisation_id = (select private.acting_organisation_id()));
alter policy "Members can delete their organisation's appointments" on public.appointments
  using (organisation_id = (select private.acting_organisation_id()));

-- Calendar connection: members see it (never the tokens), admins disconnect it.
alter policy "Members can read their organisation's calendar connection" on public.organisation_calendar_connections
  using (organisation_id = (select private.acting_organisation_id()));
alter policy "Admins can delete their organisation's calendar connection" on public.organisation_calendar_connections
  using (organisation_id = (select private.acting_admin_organisation_id()));

-- Invitations: admins manage them; only owners invite owners.
alter policy "Admins can read their organisation's invitations" on public.organisation_invitations
  using (organisation_id = (select private.acting_admin_organisation_id()));
alter policy "Admins can invite, and only owners invite owners" on public.organisation_invitations
  with check (
    organisation_id = (select private.acting_admin_organisation_id())
    and (role <> 'owner' or organisation_id = (select private.acting_owner_organisation_id()))
  );
alter policy "Admins can revoke their organisation's invitations" on public.organisation_invitations
  using (organisation_id = (select private.acting_admin_organisation_id()))
  with check (
    organisation_id = (select private.acting_admin_organisation_id())
    and (role <> 'owner' or organisation_id = (select private.acting_owner_organisation_id()))
  );

-- The two definer helpers verify the same way.
create or replace function public.organisation_members_with_email()
returns table (organisation_id uuid, user_id uuid, email text, role text, joined_at timestamptz)
language sql stable security definer
set search_path = ''
as $$
  select m.organisation_id, m.user_id, u.email::text, m.role, m.created_at
  from public.organisation_members m
  join auth.users u on u.id = m.user_id
  where m.organisation_id = (select private.acting_organisation_id())
$$;

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
     or p_organisation_id is distinct from private.acting_organisation_id() then
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

-- Nothing reads the unverified settings any more.
drop function if exists public.acting_organisation_id();
drop function if exists public.acting_admin_organisation_id();
drop function if exists public.acting_owner_organisation_id();

-- The seed's helper, restored for operators who write their own queries against this database:
-- the organisations the signed-in user belongs to. Not used by the policies.
create or replace function public.user_organisation_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.organisation_id from public.organisation_members m where m.user_id = (select auth.uid())
$$;
revoke execute on function public.user_organisation_ids() from public, anon, service_role;
grant execute on function public.user_organisation_ids() to authenticated;
