// The shared bench dataset: 1,000 organisations with one member each, one phone number each,
// and 1,000,000 calls over ~2 years, one "large" organisation holding 100,000 of them.
// Generated set-based (generate_series) with fixed ids (md5 of a label) and a fixed random
// seed, so every seed of the same version is the same data. Re-runs skip the seed when the
// database already holds exactly this dataset.
import { createHash } from "node:crypto";
import type pg from "pg";

const DATASET_SPEC = {
  /** Bump when the generator below changes: a database seeded by another version is reseeded. */
  version: 2,
  organisations: 1_000,
  calls: 1_000_000,
  largeOrganisationCalls: 100_000,
  spanDays: 730,
} as const;

const SEED_LOCK_KEY = 727_274_900; // serialises concurrent bench runs on the same server

export interface Dataset {
  spec: typeof DATASET_SPEC;
  largeOrganisation: { id: string; name: string; memberUserId: string; calls: number };
  /** Calls per organisation among the other organisations. */
  otherOrganisations: { count: number; minCalls: number; medianCalls: number; maxCalls: number };
  /** An organisation of median size (among the others), for comparison with the large one. */
  medianOrganisation: { id: string; memberUserId: string; calls: number };
  statuses: Record<string, number>;
  endedReasons: Record<string, number>;
  seededAt: string;
  /** Milliseconds the seed took (insert + VACUUM ANALYZE), when this run seeded. */
  seedMs: number | null;
  /** Milliseconds the seed took when it was originally done. */
  originalSeedMs: number;
  sizes: { callsHeap: string; callsIndexes: Record<string, string>; callsTotal: string };
}

// Deterministic ids: the n-th organisation, user, phone number and call.
export const organisationId = (n: number) => md5Uuid(`bench-org-${n}`);
export const userId = (n: number) => md5Uuid(`bench-user-${n}`);
function md5Uuid(label: string): string {
  // The same value as Postgres md5(label)::uuid, which the seed SQL uses.
  const hex = createHash("md5").update(label).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const VACUUM = "vacuum (analyze) auth.users, public.organisations, public.organisation_members, public.phone_numbers, public.calls";

const META_DDL = `
  create schema if not exists clinicall_bench_meta;
  create table if not exists clinicall_bench_meta.seed (
    version integer not null,
    organisations integer not null,
    calls integer not null,
    large_organisation_calls integer not null,
    span_days integer not null,
    seed_ms integer not null,
    seeded_at timestamptz not null default now()
  );`;

/** Makes sure the database holds exactly DATASET_SPEC, seeding it if not. */
export async function prepareDataset(
  client: pg.Client,
  log: (line: string) => void,
  options: { forceReseed?: boolean; schemaChanged?: boolean } = {},
): Promise<Dataset> {
  await client.query("select pg_advisory_lock($1)", [SEED_LOCK_KEY]);
  try {
    await client.query(META_DDL);
    let seedMs: number | null = null;
    const reason = options.forceReseed ? "BENCH_RESEED is set" : await whyReseed(client);
    if (reason) {
      log(`seeding: ${reason}`);
      const started = performance.now();
      await seed(client, log);
      seedMs = Math.round(performance.now() - started);
      await client.query(
        `insert into clinicall_bench_meta.seed (version, organisations, calls, large_organisation_calls, span_days, seed_ms)
         values ($1, $2, $3, $4, $5, $6)`,
        [
          DATASET_SPEC.version,
          DATASET_SPEC.organisations,
          DATASET_SPEC.calls,
          DATASET_SPEC.largeOrganisationCalls,
          DATASET_SPEC.spanDays,
          seedMs,
        ],
      );
      log(`seeded in ${(seedMs / 1000).toFixed(1)} s`);
    } else {
      log("dataset already seeded with the target sizes; skipping the seed");
      if (options.schemaChanged) {
        // New migrations may have rewritten rows or added indexes: refresh statistics and the
        // visibility map as the seed does.
        const started = performance.now();
        await client.query(VACUUM);
        log(`migrations were applied since the seed: vacuum (analyze) ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }
    return await describeDataset(client, seedMs);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [SEED_LOCK_KEY]);
  }
}

/** Null when the database already holds the dataset; otherwise why it must be (re)seeded. */
async function whyReseed(client: pg.Client): Promise<string | null> {
  const meta = await client.query(
    "select version, organisations, calls, large_organisation_calls, span_days from clinicall_bench_meta.seed order by seeded_at desc limit 1",
  );
  const m = meta.rows[0] as Record<string, number> | undefined;
  if (!m) return "no seed recorded";
  if (m.version !== DATASET_SPEC.version) return `seeded by generator v${m.version}, want v${DATASET_SPEC.version}`;
  const { rows } = await client.query(
    `select (select count(*) from public.organisations)::int as organisations,
            (select count(*) from public.organisation_members)::int as members,
            (select count(*) from auth.users)::int as users,
            (select count(*) from public.calls)::int as calls,
            (select count(*) from public.calls where organisation_id = $1)::int as large`,
    [organisationId(1)],
  );
  const actual = rows[0] as Record<string, number>;
  const want = {
    organisations: DATASET_SPEC.organisations,
    members: DATASET_SPEC.organisations,
    users: DATASET_SPEC.organisations,
    calls: DATASET_SPEC.calls,
    large: DATASET_SPEC.largeOrganisationCalls,
  };
  const off = Object.entries(want).filter(([key, value]) => actual[key] !== value);
  if (off.length) return `sizes differ (${off.map(([k, v]) => `${k} ${actual[k]} != ${v}`).join(", ")})`;
  return null;
}

async function seed(client: pg.Client, log: (line: string) => void): Promise<void> {
  const { organisations, calls, largeOrganisationCalls, spanDays } = DATASET_SPEC;
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    await client.query(sql, params);
    log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };

  await client.query("begin");
  try {
    // The generator guarantees referential integrity (every id below is derived from the same
    // numbering), so the per-row foreign-key triggers are skipped for the bulk load, as
    // pg_restore does. Indexes are maintained as usual.
    await client.query("set local session_replication_role = replica");
    await client.query("set local work_mem = '512MB'");
    await client.query("set local maintenance_work_mem = '512MB'");
    await step(
      "clear previous bench data",
      "truncate auth.users, public.organisations, public.organisation_members, public.phone_numbers, public.calls cascade",
    );
    await client.query("select setseed(0.20260101)");

    // Secondary indexes on calls (not those behind primary-key / unique constraints) are dropped
    // for the load and rebuilt after it, as the Postgres docs advise for bulk loads: building a
    // GIN trigram index once is far cheaper than a million inserts into it. Their definitions
    // come from the catalog, so indexes added by later migrations are handled too.
    const { rows: secondary } = await client.query(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i left join pg_constraint c on c.conindid = i.indexrelid
       where i.indrelid = 'public.calls'::regclass and c.oid is null`,
    );
    for (const index of secondary) await client.query(`drop index ${index.name}`);

    await step(
      `${organisations} users, organisations, memberships, phone numbers`,
      `with o as (
         select n, md5('bench-org-' || n)::uuid as org, md5('bench-user-' || n)::uuid as usr,
                now() - interval '800 days' + (n * interval '1 hour') as created
         from generate_series(1, $1::int) n
       ), u as (
         insert into auth.users (id, email, created_at, updated_at)
         select usr, format('member%s@clinic%s.bench.invalid', n, n), created, created from o
       ), org as (
         insert into public.organisations (id, name, created_at, updated_at)
         select org, case when n = 1 then 'Large clinic (bench)' else format('Clinic %s (bench)', n) end, created, created from o
       ), mem as (
         insert into public.organisation_members (organisation_id, user_id, role, created_at, updated_at)
         select org, usr, 'owner', created, created from o
       )
       insert into public.phone_numbers (id, organisation_id, user_id, phone_number, label, created_at, updated_at)
       select md5('bench-phone-' || n)::uuid, org, usr, '+1555' || lpad(n::text, 7, '0'), 'Front desk', created, created from o`,
      [organisations],
    );

    // Calls. The large organisation (n = 1) gets the first largeOrganisationCalls; the rest are
    // spread over organisations 2..N with a skew (a few busy clinics, many small ones):
    // org = 2 + floor((N-1) * u^1.5), which gives roughly 600 to 9,000 calls per clinic.
    // created_at is uniform over spanDays up to now; rows are inserted in created_at order, so
    // one organisation's calls are scattered over the whole table as they are in production.
    // Statuses follow the app's call_status_rank vocabulary (Vapi's status-update values plus
    // "failed"): calls of the last minutes are ringing / in-progress, older ones ended or, for
    // the provider / pipeline failure reasons, failed; each finished call has an ended_reason.
    await step(
      `${calls.toLocaleString("en")} calls`,
      `insert into public.calls (id, organisation_id, user_id, phone_number_id, twilio_call_sid, vapi_call_id,
         from_number, to_number, status, ended_reason, started_at, ended_at, duration_seconds,
         summary, recording_url, cost, created_at, updated_at)
       select md5('bench-call-' || g)::uuid,
              md5('bench-org-' || org_no)::uuid,
              null,
              md5('bench-phone-' || org_no)::uuid,
              'CA' || md5('bench-twilio-' || g),
              md5('bench-vapi-' || g)::uuid::text,
              '+1' || (2012000000 + floor(r_from * 7987999999))::bigint,
              '+1555' || lpad(org_no::text, 7, '0'),
              status,
              ended_reason,
              created_at + interval '2 seconds',
              case when status in ('ended', 'failed') then created_at + interval '2 seconds' + duration * interval '1 second' end,
              case when status in ('ended', 'failed') then duration end,
              case when status = 'ended' and duration >= 20 then (array[
                'Caller booked a check-up for next week; confirmation sent by SMS.',
                'Existing patient asked to move their appointment; rescheduled to Thursday morning.',
                'New patient asked about prices and insurance; assistant explained and offered a slot.',
                'Caller asked for opening hours and directions to the clinic.',
                'Patient cancelled tomorrow''s appointment; no new slot requested.',
                'Caller asked for a prescription renewal; message left for the doctor.',
                'Urgent request; call forwarded to the front desk.',
                'Caller asked whether the clinic accepts walk-ins on Saturday.'
              ])[1 + floor(r_summary * 8)::int] end,
              case when status = 'ended' and duration >= 20 then 'https://storage.vapi.ai/' || md5('bench-vapi-' || g)::uuid || '-mono.wav' end,
              case when status in ('ended', 'failed') then round(duration / 60.0 * 0.09, 4) end,
              created_at,
              case when status in ('ended', 'failed') then created_at + interval '2 seconds' + duration * interval '1 second' else created_at end
       from (
         select g, org_no, created_at, r_from, r_summary, status, ended_reason,
                case ended_reason
                  when 'twilio-failed-to-connect-call' then floor(r_duration * 3)::int
                  when 'assistant-request-failed' then floor(r_duration * 5)::int
                  when 'pipeline-error-openai-llm-failed' then 5 + floor(r_duration * 60)::int
                  when 'voicemail' then 15 + floor(r_duration * 45)::int
                  when 'silence-timed-out' then 30 + floor(r_duration * 10)::int
                  when 'exceeded-max-duration' then 600
                  else least(1200, 20 + floor(-ln(1 - r_duration) * 140)::int)
                end as duration
         from (
           select g, org_no, created_at, r_from, r_summary, r_duration,
                  case when age < interval '20 seconds' then 'ringing'
                       when age < interval '4 minutes' then 'in-progress'
                       when r_reason >= 0.92 then 'failed'
                       else 'ended' end as status,
                  case when age < interval '4 minutes' then null
                       when r_reason < 0.52 then 'customer-ended-call'
                       when r_reason < 0.72 then 'assistant-ended-call'
                       when r_reason < 0.80 then 'assistant-forwarded-call'
                       when r_reason < 0.86 then 'silence-timed-out'
                       when r_reason < 0.91 then 'voicemail'
                       when r_reason < 0.92 then 'exceeded-max-duration'
                       when r_reason < 0.95 then 'twilio-failed-to-connect-call'
                       when r_reason < 0.97 then 'assistant-request-failed'
                       else 'pipeline-error-openai-llm-failed' end as ended_reason
           from (
             select g, org_no, created_at, now() - created_at as age,
                    random() as r_from, random() as r_summary, random() as r_duration, random() as r_reason
             from (
               select g,
                      case when g <= $2::int then 1 else 2 + floor(($3::int - 1) * power(random(), 1.5))::int end as org_no,
                      now() - random() * ($4::int * interval '1 day') as created_at
               from generate_series(1, $1::int) g
             ) base
           ) r
         ) s
       ) d
       order by d.created_at`,
      [calls, largeOrganisationCalls, organisations, spanDays],
    );
    await step(`rebuild ${secondary.length} secondary index(es) on calls`, secondary.map((index) => `${index.definition};`).join("\n"));
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }

  // Fresh statistics and a set visibility map, as autovacuum would leave a table that size.
  await step("vacuum (analyze)", VACUUM);
}

async function describeDataset(client: pg.Client, seedMs: number | null): Promise<Dataset> {
  const large = organisationId(1);
  const { rows: meta } = await client.query("select seeded_at, seed_ms from clinicall_bench_meta.seed order by seeded_at desc limit 1");
  const { rows: org } = await client.query(
    `select o.name, m.user_id, (select count(*) from public.calls c where c.organisation_id = o.id)::int as calls
     from public.organisations o join public.organisation_members m on m.organisation_id = o.id
     where o.id = $1`,
    [large],
  );
  const { rows: others } = await client.query(
    `select count(*)::int as count, min(n)::int as min, (percentile_disc(0.5) within group (order by n))::int as median, max(n)::int as max
     from (select organisation_id, count(*) as n from public.calls where organisation_id <> $1 group by 1) per_org`,
    [large],
  );
  const { rows: median } = await client.query(
    `select c.organisation_id as id, m.user_id, c.n::int as calls
     from (select organisation_id, count(*) as n from public.calls where organisation_id <> $1 group by 1) c
     join public.organisation_members m on m.organisation_id = c.organisation_id
     order by abs(c.n - $2), c.organisation_id limit 1`,
    [large, (others[0] as { median: number }).median],
  );
  const { rows: statuses } = await client.query("select status, count(*)::int as n from public.calls group by 1 order by 2 desc");
  const { rows: reasons } = await client.query(
    "select ended_reason, count(*)::int as n from public.calls where ended_reason is not null group by 1 order by 2 desc",
  );
  const { rows: sizes } = await client.query(
    `select pg_size_pretty(pg_relation_size('public.calls')) as heap,
            pg_size_pretty(pg_total_relation_size('public.calls')) as total,
            json_object_agg(i.indexrelid::regclass::text, pg_size_pretty(pg_relation_size(i.indexrelid))) as indexes
     from pg_index i where i.indrelid = 'public.calls'::regclass`,
  );
  const o = org[0] as { name: string; user_id: string; calls: number };
  const x = others[0] as { count: number; min: number; median: number; max: number };
  return {
    spec: DATASET_SPEC,
    largeOrganisation: { id: large, name: o.name, memberUserId: o.user_id, calls: o.calls },
    otherOrganisations: { count: x.count, minCalls: x.min, medianCalls: x.median, maxCalls: x.max },
    medianOrganisation: { id: median[0].id, memberUserId: median[0].user_id, calls: median[0].calls },
    statuses: Object.fromEntries(statuses.map((r) => [r.status as string, r.n as number])),
    endedReasons: Object.fromEntries(reasons.map((r) => [r.ended_reason as string, r.n as number])),
    seededAt: new Date(meta[0].seeded_at as Date).toISOString(),
    seedMs,
    originalSeedMs: meta[0].seed_ms as number,
    sizes: { callsHeap: sizes[0].heap, callsTotal: sizes[0].total, callsIndexes: sizes[0].indexes },
  };
}
