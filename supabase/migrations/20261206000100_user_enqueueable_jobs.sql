-- Enqueueing a job from a signed-in user's transaction (role `authenticated`), which has no
-- privilege on the job schema `pgboss` and keeps none.
--
-- private.user_job_types lists the job types the registry marks as enqueueable by users, with the
-- role they need and pg-boss's own insert statement for that queue. The job runner writes it at
-- every start, on the owner's connection (src/server/jobs/user-job-types.ts); no API role has any
-- privilege on it (it holds no organisation's data, so no policies: the grants are its guard).
--
-- private.enqueue_job(name, payload, key, start_after) runs with the owner's rights and an empty
-- search_path. It enqueues only a listed type, only while the caller acts for an organisation it
-- is a member of with the type's role (the verified acting organisation, as the policies use), and
-- sets the payload's `organisationId` to that organisation whatever the caller sent. The key of a
-- one-per-key job is prefixed with the organisation, so one clinic's keys never collide with
-- another's. Everything else about the job (retries, timeout, retention, priority) comes from the
-- queue, not from the caller. The job is inserted in the caller's transaction: it commits or rolls
-- back with the change.
create table private.user_job_types (
  name text primary key,
  minimum_role text not null check (minimum_role in ('member', 'admin', 'owner')),
  -- `unique: "perKey"`: the job's id is derived from the (scoped) key, one job per key.
  one_per_key boolean not null,
  insert_sql text not null,
  updated_at timestamptz not null default now()
);
revoke all on table private.user_job_types from public, anon, authenticated, service_role;

create or replace function private.enqueue_job(
  job_name text,
  payload jsonb,
  job_key text default null,
  start_after timestamptz default null
) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  job_type private.user_job_types%rowtype;
  organisation uuid;
  scoped_key text;
  digest text;
  job jsonb;
  job_id uuid;
begin
  select * into job_type from private.user_job_types t where t.name = job_name;
  if not found then
    raise exception 'job type % cannot be enqueued from a user transaction', left(job_name, 100) using errcode = '42501';
  end if;
  organisation := case job_type.minimum_role
    when 'owner' then private.acting_owner_organisation_id()
    when 'admin' then private.acting_admin_organisation_id()
    else private.acting_organisation_id()
  end;
  if organisation is null then
    raise exception 'not acting for an organisation with the role job type % needs', job_name using errcode = '42501';
  end if;
  if payload is null or pg_catalog.jsonb_typeof(payload) <> 'object' then
    raise exception 'a job payload is a JSON object' using errcode = '22023';
  end if;
  if pg_catalog.octet_length(payload::text) > 16384 then
    raise exception 'a job payload is at most 16 KB' using errcode = '22023';
  end if;
  if start_after is not null and start_after > pg_catalog.now() + interval '400 days' then
    raise exception 'a job starts within 400 days' using errcode = '22023';
  end if;

  job := pg_catalog.jsonb_build_object('data', payload || pg_catalog.jsonb_build_object('organisationId', organisation));
  if job_key is not null then
    if pg_catalog.length(job_key) > 200 then
      raise exception 'a job key is at most 200 characters' using errcode = '22023';
    end if;
    scoped_key := organisation::text || ':' || job_key;
    job := job || pg_catalog.jsonb_build_object('singletonKey', scoped_key);
  end if;
  if job_key is not null and job_type.one_per_key then
    -- The id src/server/jobs/job-ids.ts derives for (type, key): one job per key.
    digest := pg_catalog.encode(pg_catalog.sha256(
      pg_catalog.convert_to(job_name, 'UTF8') || '\x00'::bytea || pg_catalog.convert_to(scoped_key, 'UTF8')), 'hex');
    job := job || pg_catalog.jsonb_build_object(
      'id', pg_catalog.substr(digest, 1, 8) || '-' || pg_catalog.substr(digest, 9, 4) || '-5' || pg_catalog.substr(digest, 14, 3)
        || '-' || pg_catalog.to_hex((('x' || pg_catalog.substr(digest, 17, 1))::bit(4)::int & 3) | 8)
        || pg_catalog.substr(digest, 18, 3) || '-' || pg_catalog.substr(digest, 21, 12));
  end if;
  if start_after is not null then
    job := job || pg_catalog.jsonb_build_object(
      'startAfter', pg_catalog.to_char(start_after at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
  end if;

  execute job_type.insert_sql into job_id using pg_catalog.jsonb_build_array(job)::text;
  return job_id;
end
$$;

revoke execute on function private.enqueue_job(text, jsonb, text, timestamptz) from public, anon;
grant execute on function private.enqueue_job(text, jsonb, text, timestamptz) to authenticated;
