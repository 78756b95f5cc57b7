-- The role people's requests log in as: clinicall_app.
--
-- Until now the server's every connection logged in as the database owner, so SQL that got into a
-- signed-in request could `reset role` and leave row level security behind. In Postgres mode the
-- pool that serves signed-in requests now logs in as this role (DATABASE_APP_URL):
--   * NOINHERIT and a member of `authenticated` only: it can `set role authenticated` and nothing
--     else; `set role postgres` or `set role service_role` is refused (42501).
--   * It owns nothing and holds no privilege of its own, so after `reset role` it reads and writes
--     nothing at all (NOINHERIT: authenticated's grants are not its own).
-- Webhooks, background jobs and migrations keep the owner's connection (DATABASE_URL).
--
-- Created without LOGIN: the operator gives it a password once (see README, "Database roles"):
--   alter role clinicall_app with login password '...';
-- The app checks at start that the role behind DATABASE_APP_URL is this safe (src/server/db/app-role.ts).

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'clinicall_app') then
    create role clinicall_app nologin noinherit nocreatedb nocreaterole;
  end if;
exception when duplicate_object then null; -- another database on this server created it first
end $$;

do $$
begin
  if not pg_has_role('clinicall_app', 'authenticated', 'member') then
    grant authenticated to clinicall_app;
  end if;
exception
  when unique_violation then null; -- granted concurrently by another database on this server
  when insufficient_privilege then
    raise notice 'could not grant authenticated to clinicall_app; grant it as a role that may (on Supabase: the dashboard SQL editor)';
end $$;
