-- Extensions out of `public`, and an index behind every foreign key that a delete walks.
--
-- 1. pg_trgm and btree_gist move to the schema `extensions`, as Supabase installs them: their
--    functions and operators no longer sit in the schema the API exposes (Supabase's linter,
--    "extension_in_public"). Nothing names them: the trigram index and the exclusion constraint
--    refer to their operator classes by oid, and `ilike`, `=` and `&&` are core operators, so
--    calls_search_trgm_idx, search_call_ids and appointments' no-overlap constraint work as before.
--    Only moved when they are in public (on Supabase they may already be in `extensions`).
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;

do $$
declare
  name text;
begin
  foreach name in array array['pg_trgm', 'btree_gist'] loop
    if exists (select 1 from pg_extension e join pg_namespace n on n.oid = e.extnamespace
               where e.extname = name and n.nspname = 'public') then
      execute format('alter extension %I set schema extensions', name);
    end if;
  end loop;
end $$;

-- 2. Deleting a user (auth.users), a call or a phone number makes Postgres look for the rows that
--    point at it; without an index that is a scan of the whole referencing table (all calls, for
--    one phone number). The legacy user_id columns are mostly null, so their indexes are partial:
--    the look-up `user_id = $1` implies `user_id is not null` and uses them.
create index if not exists appointments_created_by_idx on public.appointments (created_by) where created_by is not null;
create index if not exists appointments_organisation_call_idx on public.appointments (organisation_id, call_id) where call_id is not null;
create index if not exists assistant_settings_user_id_idx on public.assistant_settings (user_id) where user_id is not null;
create index if not exists assistants_user_id_idx on public.assistants (user_id) where user_id is not null;
create index if not exists calls_user_id_idx on public.calls (user_id) where user_id is not null;
create index if not exists calls_organisation_phone_number_idx on public.calls (organisation_id, phone_number_id) where phone_number_id is not null;
create index if not exists intents_user_id_idx on public.intents (user_id) where user_id is not null;
create index if not exists oauth_states_user_id_idx on public.oauth_states (user_id);
create index if not exists organisation_calendar_connections_connected_by_idx on public.organisation_calendar_connections (connected_by) where connected_by is not null;
create index if not exists organisation_invitations_invited_by_idx on public.organisation_invitations (invited_by) where invited_by is not null;
create index if not exists organisation_invitations_accepted_by_idx on public.organisation_invitations (accepted_by) where accepted_by is not null;
create index if not exists phone_numbers_user_id_idx on public.phone_numbers (user_id) where user_id is not null;
create index if not exists subscriptions_user_id_idx on public.subscriptions (user_id) where user_id is not null;
create index if not exists user_sessions_current_organisation_id_idx on public.user_sessions (current_organisation_id) where current_organisation_id is not null;
create index if not exists working_hours_user_id_idx on public.working_hours (user_id) where user_id is not null;
create index if not exists working_hours_exceptions_user_id_idx on public.working_hours_exceptions (user_id) where user_id is not null;
