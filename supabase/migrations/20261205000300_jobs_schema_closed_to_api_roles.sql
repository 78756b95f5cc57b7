-- The job runner (pg-boss) keeps its queue in the schema `pgboss`, created and upgraded by
-- pg-boss itself when a runner starts. Jobs carry organisation ids and are enqueued only from
-- service transactions, so no API role may read or write them: the schema is created here, before
-- pg-boss fills it, with no privilege for `public`, `anon` or `authenticated`. Without USAGE on
-- the schema those roles can reach none of its tables, sequences or functions, including the ones
-- pg-boss creates later. This is the schema's equivalent of row level security.
create schema if not exists pgboss;

revoke all on schema pgboss from public;
revoke all on schema pgboss from anon;
revoke all on schema pgboss from authenticated;
revoke all on all tables in schema pgboss from public, anon, authenticated;
revoke all on all sequences in schema pgboss from public, anon, authenticated;
revoke all on all functions in schema pgboss from public, anon, authenticated;

alter default privileges in schema pgboss revoke all on tables from public, anon, authenticated;
alter default privileges in schema pgboss revoke all on sequences from public, anon, authenticated;
