-- Row level security by organisation (the design summary's second file).
-- A signed-in person reaches a row only through a membership of the row's organisation:
--   member: reads everything of the organisation and manages appointments;
--   admin:  also writes intents, phone numbers, working hours, assistant settings, assistants
--           and the calendar connection, and updates the organisation;
--   owner:  also manages members and roles, billing, and may delete the organisation.
-- Policies use `organisation_id = any (array(select ...))`: Postgres evaluates the membership
-- look-up once (an InitPlan) and then uses the organisation_id index. The `in (select ...)`
-- shape scanned whole tables (~150x slower, see docs/decisions/002-rls-policy-shape.md).

-- Membership helpers. SECURITY DEFINER so policies can read organisation_members without
-- recursing through its own policies; search_path pinned; executable by `authenticated` only.
create or replace function public.user_organisation_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select organisation_id from public.organisation_members where user_id = (select auth.uid())
$$;

create or replace function public.user_admin_organisation_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select organisation_id from public.organisation_members
  where user_id = (select auth.uid()) and role in ('owner', 'admin')
$$;

create or replace function public.user_owner_organisation_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select organisation_id from public.organisation_members
  where user_id = (select auth.uid()) and role = 'owner'
$$;

revoke execute on function public.user_organisation_ids() from public, anon;
revoke execute on function public.user_admin_organisation_ids() from public, anon;
revoke execute on function public.user_owner_organisation_ids() from public, anon;
grant execute on function public.user_organisation_ids() to authenticated;
grant execute on function public.user_admin_organisation_ids() to authenticated;
grant execute on function public.user_owner_organisation_ids() to authenticated;

-- The single-tenant policies would OR with the new ones (permissive policies combine), so
-- they go; access to organisation data is by membership only from here on.
drop policy if exists "Users can manage their own phone numbers" on public.phone_numbers;
drop policy if exists "Users can manage their own intents" on public.intents;
drop policy if exists "Users can manage their own assistant settings" on public.assistant_settings;
drop policy if exists "Users can manage their own working hours" on public.working_hours;
drop policy if exists "Users can read their own subscriptions" on public.subscriptions;
drop policy if exists "Users can read their own calls" on public.calls;
drop policy if exists "Users can manage their own assistants" on public.assistants;

-- Grants: anon reaches nothing; authenticated gets exactly the verbs its policies allow.
do $$
declare
  t text;
begin
  foreach t in array array['profiles', 'organisations', 'organisation_members', 'phone_numbers',
                           'intents', 'assistant_settings', 'working_hours', 'subscriptions',
                           'calls', 'assistants', 'organisation_calendar_connections',
                           'appointments'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on public.%I from anon, authenticated', t);
    execute format('grant all on public.%I to service_role', t);
  end loop;
end $$;

grant select, insert, update, delete on public.profiles to authenticated;
grant select, update, delete on public.organisations to authenticated;
grant select, insert, update, delete on public.organisation_members to authenticated;
grant select, insert, update, delete on public.phone_numbers to authenticated;
grant select, insert, update, delete on public.intents to authenticated;
grant select, insert, update, delete on public.assistant_settings to authenticated;
grant select, insert, update, delete on public.working_hours to authenticated;
grant select, insert, update, delete on public.subscriptions to authenticated;
grant select on public.calls to authenticated;  -- calls are written by the webhooks only
grant select, insert, update, delete on public.assistants to authenticated;
grant select, insert, update, delete on public.appointments to authenticated;
-- Tokens never leave the server: the ciphertext columns are not readable by `authenticated`.
grant select (id, organisation_id, google_account_email, calendar_id, token_expires_at, scopes,
              status, disconnected_reason, connected_by, created_at, updated_at)
  on public.organisation_calendar_connections to authenticated;
grant insert, update, delete on public.organisation_calendar_connections to authenticated;

-- organisations
create policy "Members can read their organisations" on public.organisations
  for select to authenticated
  using (id = any (array(select public.user_organisation_ids())));
create policy "Admins can update their organisation" on public.organisations
  for update to authenticated
  using (id = any (array(select public.user_admin_organisation_ids())))
  with check (id = any (array(select public.user_admin_organisation_ids())));
create policy "Owners can delete their organisation" on public.organisations
  for delete to authenticated
  using (id = any (array(select public.user_owner_organisation_ids())));

-- organisation_members
create policy "Members can read their organisation's members" on public.organisation_members
  for select to authenticated
  using (organisation_id = any (array(select public.user_organisation_ids())));
create policy "Owners can add members" on public.organisation_members
  for insert to authenticated
  with check (organisation_id = any (array(select public.user_owner_organisation_ids())));
create policy "Owners can change members' roles" on public.organisation_members
  for update to authenticated
  using (organisation_id = any (array(select public.user_owner_organisation_ids())))
  with check (organisation_id = any (array(select public.user_owner_organisation_ids())));
create policy "Owners can remove members and anyone can leave" on public.organisation_members
  for delete to authenticated
  using (
    organisation_id = any (array(select public.user_owner_organisation_ids()))
    or user_id = (select auth.uid())
  );

-- Configuration tables: members read, admins write.
do $$
declare
  t text;
  label text;
begin
  foreach t in array array['phone_numbers', 'intents', 'assistant_settings', 'working_hours',
                           'assistants'] loop
    label := replace(t, '_', ' ');
    execute format($p$create policy %I on public.%I for select to authenticated
      using (organisation_id = any (array(select public.user_organisation_ids())))$p$,
      'Members can read their organisation''s ' || label, t);
    execute format($p$create policy %I on public.%I for insert to authenticated
      with check (organisation_id = any (array(select public.user_admin_organisation_ids())))$p$,
      'Admins can add their organisation''s ' || label, t);
    execute format($p$create policy %I on public.%I for update to authenticated
      using (organisation_id = any (array(select public.user_admin_organisation_ids())))
      with check (organisation_id = any (array(select public.user_admin_organisation_ids())))$p$,
      'Admins can change their organisation''s ' || label, t);
    execute format($p$create policy %I on public.%I for delete to authenticated
      using (organisation_id = any (array(select public.user_admin_organisation_ids())))$p$,
      'Admins can delete their organisation''s ' || label, t);
  end loop;
end $$;

-- subscriptions: members read, owners manage billing.
create policy "Members can read their organisation's subscriptions" on public.subscriptions
  for select to authenticated
  using (organisation_id = any (array(select public.user_organisation_ids())));
create policy "Owners can add their organisation's subscriptions" on public.subscriptions
  for insert to authenticated
  with check (organisation_id = any (array(select public.user_owner_organisation_ids())));
create policy "Owners can change their organisation's subscriptions" on public.subscriptions
  for update to authenticated
  using (organisation_id = any (array(select public.user_owner_organisation_ids())))
  with check (organisation_id = any (array(select public.user_owner_organisation_ids())));
create policy "Owners can delete their organisation's subscriptions" on public.subscriptions
  for delete to authenticated
  using (organisation_id = any (array(select public.user_owner_organisation_ids())));

-- calls: members read; only the webhooks (service path) write.
create policy "Members can read their organisation's calls" on public.calls
  for select to authenticated
  using (organisation_id = any (array(select public.user_organisation_ids())));

-- calendar connection: members read its status, admins connect and disconnect.
create policy "Members can read their organisation's calendar connection"
  on public.organisation_calendar_connections
  for select to authenticated
  using (organisation_id = any (array(select public.user_organisation_ids())));
create policy "Admins can add their organisation's calendar connection"
  on public.organisation_calendar_connections
  for insert to authenticated
  with check (organisation_id = any (array(select public.user_admin_organisation_ids())));
create policy "Admins can change their organisation's calendar connection"
  on public.organisation_calendar_connections
  for update to authenticated
  using (organisation_id = any (array(select public.user_admin_organisation_ids())))
  with check (organisation_id = any (array(select public.user_admin_organisation_ids())));
create policy "Admins can delete their organisation's calendar connection"
  on public.organisation_calendar_connections
  for delete to authenticated
  using (organisation_id = any (array(select public.user_admin_organisation_ids())));

-- appointments: every member manages them.
create policy "Members can read their organisation's appointments" on public.appointments
  for select to authenticated
  using (organisation_id = any (array(select public.user_organisation_ids())));
create policy "Members can book their organisation's appointments" on public.appointments
  for insert to authenticated
  with check (organisation_id = any (array(select public.user_organisation_ids())));
create policy "Members can change their organisation's appointments" on public.appointments
  for update to authenticated
  using (organisation_id = any (array(select public.user_organisation_ids())))
  with check (organisation_id = any (array(select public.user_organisation_ids())));
create policy "Members can delete their organisation's appointments" on public.appointments
  for delete to authenticated
  using (organisation_id = any (array(select public.user_organisation_ids())));
