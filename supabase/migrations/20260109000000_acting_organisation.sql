-- Row level security by the organisation a request acts for.
--
-- Every signed-in request works in one organisation (the clinic chosen in the dashboard). Until
-- now each policy looked up all of the caller's memberships in every statement
-- (`organisation_id = any (array(select public.user_organisation_ids()))`). That cost a fixed
-- ~0.07 ms per statement (4x a 25-row page read as service), and because the planner saw
-- `= ANY(...)` rather than an equality it could not walk `calls (organisation_id, created_at desc,
-- id desc)` newest first: a query that relied on the policy alone sorted all of a large clinic's
-- calls (~200 ms for 100,000). See docs/decisions/004-acting-organisation.md and bench/report.md.
--
-- Now the server starts each signed-in transaction with `select public.act_for_organisation($1)`.
-- That function checks in organisation_members, once, that the signed-in user (auth.uid()) belongs
-- to the organisation, and records the organisation and the user's role for the rest of the
-- transaction. A caller who is not a member gets SQLSTATE 42501 and nothing is recorded, so every
-- policy below sees no organisation and admits no row. The policies compare organisation_id with
-- that one recorded value: an equality the planner uses as an index condition.
--
-- Trust: the recorded values are transaction-local settings. A session that can run arbitrary SQL
-- as `authenticated` could set them itself, exactly as it could set `request.jwt.claims` and so
-- become any user; in both cases the database trusts the connection that sets them (our server,
-- or on Supabase the API gateway that verified the JWT). The membership check that used to run
-- per statement runs once per transaction, inside the database, before anything is read.

-- Recording the organisation. SECURITY DEFINER to read organisation_members whatever the caller's
-- own policies say; search_path pinned; executable by `authenticated` only.
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
  perform pg_catalog.set_config('clinicall.acting_role', member_role, true);
  return member_role;
end
$$;
revoke execute on function public.act_for_organisation(uuid) from public, anon;
grant execute on function public.act_for_organisation(uuid) to authenticated;

-- Reading it. Plain SQL functions without SET clauses, so the planner inlines them into each
-- policy: the policy becomes `organisation_id = <setting>`, evaluated once per scan. Each returns
-- null (no row matches) when nothing is recorded or the recorded role is not enough.
create or replace function public.acting_organisation_id() returns uuid
language sql stable
as $$
  select nullif(pg_catalog.current_setting('clinicall.acting_organisation_id', true), '')::uuid
$$;

create or replace function public.acting_admin_organisation_id() returns uuid
language sql stable
as $$
  select case when pg_catalog.current_setting('clinicall.acting_role', true) in ('owner', 'admin')
    then nullif(pg_catalog.current_setting('clinicall.acting_organisation_id', true), '')::uuid end
$$;

create or replace function public.acting_owner_organisation_id() returns uuid
language sql stable
as $$
  select case when pg_catalog.current_setting('clinicall.acting_role', true) = 'owner'
    then nullif(pg_catalog.current_setting('clinicall.acting_organisation_id', true), '')::uuid end
$$;

revoke execute on function public.acting_organisation_id() from public, anon;
revoke execute on function public.acting_admin_organisation_id() from public, anon;
revoke execute on function public.acting_owner_organisation_id() from public, anon;
grant execute on function public.acting_organisation_id() to authenticated, service_role;
grant execute on function public.acting_admin_organisation_id() to authenticated, service_role;
grant execute on function public.acting_owner_organisation_id() to authenticated, service_role;

-- The policies, same names, roles and commands as before; only the organisation test changes.
-- Who may do what is unchanged: members read everything and manage appointments; admins also
-- write configuration, the calendar connection, invitations and the organisation; owners also
-- manage members and may invite owners and delete the organisation.

-- organisations
alter policy "Members can read their organisations" on public.organisations
  using (id = public.acting_organisation_id());
alter policy "Admins can update their organisation" on public.organisations
  using (id = public.acting_admin_organisation_id())
  with check (id = public.acting_admin_organisation_id());
alter policy "Owners can delete their organisation" on public.organisations
  using (id = public.acting_owner_organisation_id());

-- organisation_members
alter policy "Members can read their organisation's members" on public.organisation_members
  using (organisation_id = public.acting_organisation_id());
alter policy "Owners can add members" on public.organisation_members
  with check (organisation_id = public.acting_owner_organisation_id());
alter policy "Owners can change members' roles" on public.organisation_members
  using (organisation_id = public.acting_owner_organisation_id())
  with check (organisation_id = public.acting_owner_organisation_id());
alter policy "Owners can remove members and anyone can leave" on public.organisation_members
  using (
    organisation_id = public.acting_owner_organisation_id()
    or (organisation_id = public.acting_organisation_id() and user_id = (select auth.uid()))
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
    execute format('alter policy %I on public.%I using (organisation_id = public.acting_organisation_id())',
      'Members can read their organisation''s ' || label, t);
    execute format('alter policy %I on public.%I with check (organisation_id = public.acting_admin_organisation_id())',
      'Admins can add their organisation''s ' || label, t);
    execute format('alter policy %I on public.%I using (organisation_id = public.acting_admin_organisation_id())
      with check (organisation_id = public.acting_admin_organisation_id())',
      'Admins can change their organisation''s ' || label, t);
    execute format('alter policy %I on public.%I using (organisation_id = public.acting_admin_organisation_id())',
      'Admins can delete their organisation''s ' || label, t);
  end loop;
end $$;

-- Read-only for people: calls (written by the webhooks) and subscriptions (written by billing).
alter policy "Members can read their organisation's calls" on public.calls
  using (organisation_id = public.acting_organisation_id());
alter policy "Members can read their organisation's subscriptions" on public.subscriptions
  using (organisation_id = public.acting_organisation_id());

-- Appointments: every member manages them.
alter policy "Members can read their organisation's appointments" on public.appointments
  using (organisation_id = public.acting_organisation_id());
alter policy "Members can book their organisation's appointments" on public.appointments
  with check (organisation_id = public.acting_organisation_id());
alter policy "Members can change their organisation's appointments" on public.appointments
  using (organisation_id = public.acting_organisation_id())
  with check (organisation_id = public.acting_organisation_id());
alter policy "Members can delete their organisation's appointments" on public.appointments
  using (organisation_id = public.acting_organisation_id());

-- Calendar connection: members see it (never the tokens), admins disconnect it.
alter policy "Members can read their organisation's calendar connection" on public.organisation_calendar_connections
  using (organisation_id = public.acting_organisation_id());
alter policy "Admins can delete their organisation's calendar connection" on public.organisation_calendar_connections
  using (organisation_id = public.acting_admin_organisation_id());

-- Invitations: admins manage them; only owners invite owners.
alter policy "Admins can read their organisation's invitations" on public.organisation_invitations
  using (organisation_id = public.acting_admin_organisation_id());
alter policy "Admins can invite, and only owners invite owners" on public.organisation_invitations
  with check (
    organisation_id = public.acting_admin_organisation_id()
    and (role <> 'owner' or organisation_id = public.acting_owner_organisation_id())
  );
alter policy "Admins can revoke their organisation's invitations" on public.organisation_invitations
  using (organisation_id = public.acting_admin_organisation_id())
  with check (
    organisation_id = public.acting_admin_organisation_id()
    and (role <> 'owner' or organisation_id = public.acting_owner_organisation_id())
  );

-- The two definer functions that checked membership themselves now check the same thing.
create or replace function public.organisation_members_with_email()
returns table (organisation_id uuid, user_id uuid, email text, role text, joined_at timestamptz)
language sql stable security definer
set search_path = ''
as $$
  select m.organisation_id, m.user_id, u.email::text, m.role, m.created_at
  from public.organisation_members m
  join auth.users u on u.id = m.user_id
  where m.organisation_id = public.acting_organisation_id()
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
     or p_organisation_id is distinct from public.acting_organisation_id() then
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

-- Nothing uses the per-statement membership helpers any more.
drop function if exists public.user_organisation_ids();
drop function if exists public.user_admin_organisation_ids();
drop function if exists public.user_owner_organisation_ids();
