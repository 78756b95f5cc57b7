-- Supabase compatibility: creates what every Supabase project already has, and only where it
-- is missing, so the migrations that follow run unchanged on Supabase, on a plain Postgres 15+
-- server and on the embedded PGlite database.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
exception when duplicate_object then null; -- another database on this server created it first
end $$;

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
exception when duplicate_object then null;
end $$;

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
exception when duplicate_object then null;
end $$;

-- The connecting role must be able to `set role authenticated` inside a transaction
-- (asUser). A superuser can already; a plain owner role needs the membership.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = current_user and rolsuper) then
    execute format('grant authenticated to %I', current_user);
  end if;
exception when insufficient_privilege then
  raise notice 'could not grant authenticated to %; asUser needs that membership', current_user;
end $$;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  email text unique,
  encrypted_password text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- auth.uid(): the signed-in user's id from the request's JWT claims, as on Supabase.
do $$
begin
  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'uid'
  ) then
    execute $fn$
      create function auth.uid() returns uuid
      language sql stable
      set search_path = ''
      as $body$
        select coalesce(
          nullif(current_setting('request.jwt.claim.sub', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
        )::uuid
      $body$
    $fn$;
  end if;
end $$;

grant execute on function auth.uid() to anon, authenticated, service_role;

grant usage on schema public to anon, authenticated, service_role;
