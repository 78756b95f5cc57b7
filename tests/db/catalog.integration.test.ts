import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsUser } from "@/server/db/access";
import type { Db } from "@/server/db/connection";
import { appointments, calls } from "@/server/db/schema";
import {
  type Call,
  createFactories,
  type Organisation,
  type PhoneNumber,
  pgErrorCode,
  type User,
  withRollback,
} from "../helpers/factories";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

/**
 * Tripwires read from pg_catalog: they fail the build when a migration forgets one of the
 * rules in the RLS reference (section 2), whichever table or function it adds.
 * Each check is a query that lists offenders, so a failure names them.
 */

/** Ordinary and partitioned tables in `public` without row level security. */
const tablesWithoutRls = sql`
  select c.relname as offender
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity
  order by 1`;

/** Policies that apply to PUBLIC (no `to <role>`), which includes anon. */
const policiesForPublic = sql`
  select tablename || ': ' || policyname as offender
  from pg_policies
  where schemaname = 'public' and 'public' = any (roles)
  order by 1`;

/** UPDATE and ALL policies without WITH CHECK. */
const updatePoliciesWithoutCheck = sql`
  select tablename || ': ' || policyname as offender
  from pg_policies
  where schemaname = 'public' and cmd in ('UPDATE', 'ALL') and with_check is null
  order by 1`;

/** Policies whose WITH CHECK is a constant or only asks for a signed-in user. */
const policiesWithTrivialCheck = sql`
  select tablename || ': ' || policyname as offender
  from pg_policies
  where schemaname = 'public'
    and (regexp_replace(lower(coalesce(with_check, '')), '[[:space:]()]', '', 'g') in ('true', 'selectauth.uidasuidisnotnull', 'selectauth.uidisnotnull', 'auth.uidisnotnull')
      or regexp_replace(lower(coalesce(qual, '')), '[[:space:]()]', '', 'g') = 'true')
  order by 1`;

/**
 * Policies on organisation-scoped tables that do not compare with the verified organisation the
 * request acts for as `(select private.acting_*organisation_id())` (an InitPlan: one membership
 * look-up per statement, and an equality the planner walks an index with), or that use an
 * `= ANY` / `IN (...)` shape (see 20261205000100_verified_acting_organisation.sql).
 */
const policiesNotScopedToActingOrganisation = sql`
  select p.tablename || ': ' || p.policyname as offender
  from pg_policies p
  where p.schemaname = 'public'
    and (p.tablename = 'organisations' or exists (
      select 1 from information_schema.columns c
      where c.table_schema = 'public' and c.table_name = p.tablename and c.column_name = 'organisation_id'))
    and (coalesce(p.qual, '') || coalesce(p.with_check, '') not like '%( SELECT private.acting\\_%organisation\\_id() AS %'
      or regexp_replace(coalesce(p.qual, '') || coalesce(p.with_check, ''), '\\( SELECT private\\.acting_[a-z_]*organisation_id\\(\\) AS [a-z_]+\\)', '', 'g') like '%acting\\_%'
      or upper(coalesce(p.qual, '') || coalesce(p.with_check, '')) similar to '%(= ANY|IN \\()%')
  order by 1`;

/** SECURITY DEFINER functions in `public` that anon may execute. */
const definersExecutableByAnon = sql`
  select p.oid::regprocedure::text as offender
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where n.nspname = 'public' and p.prosecdef and has_function_privilege('anon', p.oid, 'execute')
  order by 1`;

/** SECURITY DEFINER functions (any schema but the system ones) without a pinned search_path. */
const definersWithoutSearchPath = sql`
  select p.oid::regprocedure::text as offender
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where p.prosecdef
    and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
    and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) setting where setting like 'search\\_path=%')
  order by 1`;

/** Views in `public` that run with their owner's rights (and so skip RLS). */
const viewsWithoutSecurityInvoker = sql`
  select c.relname as offender
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('v', 'm')
    and not coalesce(c.reloptions && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1'], false)
  order by 1`;

/** Any privilege of anon on a table, or on a column of a table, in `public`. */
const anonPrivileges = sql`
  select c.relname as offender
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
    and (has_table_privilege('anon', c.oid, 'select, insert, update, delete, truncate, references, trigger')
      or has_any_column_privilege('anon', c.oid, 'select, insert, update, references'))
  order by 1`;

/**
 * Privileges of `authenticated` that sidestep row level security: TRUNCATE empties a table
 * without consulting policies, TRIGGER and REFERENCES let a role attach code or constraints.
 */
const authenticatedPrivilegesBeyondRls = sql`
  select c.relname || ' (' || p.privilege || ')' as offender
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  cross join unnest(array['truncate', 'trigger', 'references']) p(privilege)
  where n.nspname = 'public' and c.relkind in ('r', 'p')
    and has_table_privilege('authenticated', c.oid, p.privilege)
  order by 1`;

/** Roles of a signed-in or anonymous caller that may create objects in public. */
const schemaCreators = sql`
  select r.rolname as offender
  from pg_roles r
  where r.rolname in ('anon', 'authenticated') and has_schema_privilege(r.rolname, 'public', 'create')
  order by 1`;

/** Secret-looking columns (ciphertext, hashes, passwords) that a signed-in person could read. */
const readableSecrets = sql`
  select n.nspname || '.' || c.relname || '.' || a.attname || ' (' || r.rolname || ')' as offender
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  cross join (select rolname from pg_roles where rolname in ('anon', 'authenticated')) r
  where n.nspname in ('public', 'auth') and c.relkind in ('r', 'p', 'v', 'm')
    and a.attnum > 0 and not a.attisdropped
    and (a.attname like '%ciphertext%' or a.attname like '%token_hash%' or a.attname like '%password%'
      or a.attname like '%secret%')
    and has_column_privilege(r.rolname, c.oid, a.attnum, 'select')
  order by 1`;

/**
 * Foreign keys between two organisation-scoped tables that do not carry organisation_id:
 * such a key can point at another tenant's row (constraint checks bypass RLS).
 */
const singleColumnTenantForeignKeys = sql`
  select con.conname as offender
  from pg_constraint con
  join pg_namespace n on n.oid = con.connamespace
  join pg_attribute src on src.attrelid = con.conrelid and src.attname = 'organisation_id'
  join pg_attribute dst on dst.attrelid = con.confrelid and dst.attname = 'organisation_id'
  where n.nspname = 'public' and con.contype = 'f' and not (src.attnum = any (con.conkey))
  order by 1`;

/**
 * Unique indexes on organisation-scoped tables that `authenticated` can write, not scoped by
 * organisation_id and not the primary key: each is an existence oracle across tenants
 * (unique checks bypass RLS, a 23505 tells the caller the value exists somewhere).
 */
const globalUniqueIndexesOnWritableTenantTables = sql`
  select i.indexrelid::regclass::text as offender
  from pg_index i
  join pg_class c on c.oid = i.indrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute org on org.attrelid = c.oid and org.attname = 'organisation_id'
  where n.nspname = 'public' and i.indisunique and not i.indisprimary
    and not (org.attnum = any (i.indkey::int2[]))
    and (has_table_privilege('authenticated', c.oid, 'insert') or has_table_privilege('authenticated', c.oid, 'update'))
  order by 1`;

/**
 * Foreign keys (from public) without an index that leads with their columns: deleting the row they
 * point at (a user, a call, a phone number) scans the whole referencing table.
 */
const unindexedForeignKeys = sql`
  select con.conname as offender
  from pg_constraint con join pg_namespace n on n.oid = con.connamespace
  where n.nspname = 'public' and con.contype = 'f'
    and not exists (
      select 1 from pg_index i
      where i.indrelid = con.conrelid
        and (i.indkey::int2[])[0:cardinality(con.conkey) - 1] = con.conkey)
  order by 1`;

/**
 * Indexes another index on the same table already serves: their key columns (with the same
 * operator classes, collations and sort options) are a leading prefix of the other's, with the same
 * access method and the same predicate. Unique indexes and indexes behind a constraint are not
 * redundant (they enforce something); covering (INCLUDE) and expression indexes are left to review.
 * Splinter's 0009_duplicate_index (tests/db/splinter.integration.test.ts) finds only identical ones.
 */
const redundantPrefixIndexes = sql`
  select a.indexrelid::regclass::text || ' (served by ' || b.indexrelid::regclass::text || ')' as offender
  from pg_index a
  join pg_index b on b.indrelid = a.indrelid and b.indexrelid <> a.indexrelid
  join pg_class ac on ac.oid = a.indexrelid
  join pg_class bc on bc.oid = b.indexrelid
  join pg_namespace n on n.oid = ac.relnamespace
  where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and ac.relam = bc.relam
    and not a.indisunique
    and not exists (select 1 from pg_constraint c where c.conindid = a.indexrelid)
    and a.indnatts = a.indnkeyatts and a.indexprs is null and b.indexprs is null
    and a.indnkeyatts <= b.indnkeyatts
    and (a.indkey::int2[])[0:a.indnkeyatts - 1] = (b.indkey::int2[])[0:a.indnkeyatts - 1]
    and (a.indclass::oid[])[0:a.indnkeyatts - 1] = (b.indclass::oid[])[0:a.indnkeyatts - 1]
    and (a.indcollation::oid[])[0:a.indnkeyatts - 1] = (b.indcollation::oid[])[0:a.indnkeyatts - 1]
    and (a.indoption::int2[])[0:a.indnkeyatts - 1] = (b.indoption::int2[])[0:a.indnkeyatts - 1]
    and coalesce(pg_get_expr(a.indpred, a.indrelid), '') = coalesce(pg_get_expr(b.indpred, b.indrelid), '')
  order by 1`;

/** Extensions installed in public, the schema the API exposes (Supabase keeps them in `extensions`). */
const extensionsInPublic = sql`
  select e.extname as offender
  from pg_extension e join pg_namespace n on n.oid = e.extnamespace
  where n.nspname = 'public'
  order by 1`;

/** Accepted oracles, each with the reason it is acceptable. */
const acceptedGlobalUniqueIndexes: Record<string, string> = {
  phone_numbers_active_number_key:
    "product rule: an active number rings at exactly one clinic; the API answers 23505 with a generic 'number unavailable'",
  subscriptions_stripe_subscription_id_key: "Stripe subscription ids are unguessable and the Stripe webhook owns these rows",
  organisation_invitations_token_hash_key: "SHA-256 of a random token; guessing one is not feasible",
};

async function offenders(db: Db, query: ReturnType<typeof sql>): Promise<string[]> {
  const result = await db.execute(query);
  return result.rows.map((row) => String(row.offender));
}

describe("catalog tripwires", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it("every table in public has row level security enabled", async () => {
    expect(await offenders(database.db, tablesWithoutRls)).toEqual([]);
  });

  it("every policy names a role (none applies to PUBLIC)", async () => {
    expect(await offenders(database.db, policiesForPublic)).toEqual([]);
  });

  it("every UPDATE and ALL policy has a WITH CHECK", async () => {
    expect(await offenders(database.db, updatePoliciesWithoutCheck)).toEqual([]);
  });

  it("no policy checks only `true` or 'signed in'", async () => {
    expect(await offenders(database.db, policiesWithTrivialCheck)).toEqual([]);
  });

  it("no SECURITY DEFINER function in public is executable by anon", async () => {
    expect(await offenders(database.db, definersExecutableByAnon)).toEqual([]);
  });

  it("every SECURITY DEFINER function pins its search_path", async () => {
    expect(await offenders(database.db, definersWithoutSearchPath)).toEqual([]);
  });

  it("every policy of an organisation-scoped table compares with the organisation the request acts for", async () => {
    expect(await offenders(database.db, policiesNotScopedToActingOrganisation)).toEqual([]);
  });

  it("act_for_organisation is SECURITY DEFINER, pinned to an empty search_path and executable by authenticated only", async () => {
    const result = await database.db.execute(sql`
      select p.prosecdef, p.provolatile, p.proconfig,
             has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
             has_function_privilege('anon', p.oid, 'execute') as anon
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.proname = 'act_for_organisation'`);
    expect(result.rows).toEqual([{ prosecdef: true, provolatile: "v", proconfig: ['search_path=""'], authenticated: true, anon: false }]);
  });

  it("the verified acting_* readers are SECURITY DEFINER, pinned, in the private schema, not executable by anon", async () => {
    const result = await database.db.execute(sql`
      select n.nspname, p.proname, l.lanname, p.prosecdef, p.provolatile, p.proconfig,
             has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
             has_function_privilege('anon', p.oid, 'execute') as anon
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
      where p.proname like 'acting\_%' and n.nspname in ('public', 'private')
      order by 2`);
    expect(result.rows).toEqual(
      ["acting_admin_organisation_id", "acting_organisation_id", "acting_owner_organisation_id"].map((proname) => ({
        nspname: "private",
        proname,
        lanname: "plpgsql",
        prosecdef: true,
        provolatile: "s",
        proconfig: ['search_path=""'],
        authenticated: true,
        anon: false,
      })),
    );
  });

  it("the private schema grants anon nothing and nobody but its owner may create in it", async () => {
    const result = await database.db.execute(sql`
      select r.rolname, has_schema_privilege(r.rolname, 'private', 'usage') as usage,
             has_schema_privilege(r.rolname, 'private', 'create') as create
      from pg_roles r where r.rolname in ('anon', 'authenticated', 'service_role') order by 1`);
    expect(result.rows).toEqual([
      { rolname: "anon", usage: false, create: false },
      { rolname: "authenticated", usage: true, create: false },
      { rolname: "service_role", usage: true, create: false },
    ]);
  });

  it("user_organisation_ids() is restored: SECURITY DEFINER, STABLE, search_path pinned, executable by authenticated only", async () => {
    const result = await database.db.execute(sql`
      select p.proname, p.prosecdef, p.provolatile, p.proretset, p.proconfig,
             has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
             has_function_privilege('anon', p.oid, 'execute') as anon,
             has_function_privilege('service_role', p.oid, 'execute') as service_role,
             exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE') as public
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.proname like 'user\_%organisation\_ids'`);
    expect(result.rows).toEqual([
      {
        proname: "user_organisation_ids",
        prosecdef: true,
        provolatile: "s",
        proretset: true,
        proconfig: ['search_path=""'],
        authenticated: true,
        anon: false,
        service_role: false,
        public: false,
      },
    ]);
  });

  it("every view in public runs with the caller's rights (security_invoker)", async () => {
    expect(await offenders(database.db, viewsWithoutSecurityInvoker)).toEqual([]);
  });

  it("anon holds no privilege on any table in public", async () => {
    expect(await offenders(database.db, anonPrivileges)).toEqual([]);
  });

  it("authenticated holds no TRUNCATE, TRIGGER or REFERENCES on tables in public (they bypass RLS)", async () => {
    expect(await offenders(database.db, authenticatedPrivilegesBeyondRls)).toEqual([]);
  });

  it("neither anon nor authenticated can create objects in public", async () => {
    expect(await offenders(database.db, schemaCreators)).toEqual([]);
  });

  it("no secret-looking column (ciphertext, token hash, password, secret) is readable by anon or authenticated", async () => {
    expect(await offenders(database.db, readableSecrets)).toEqual([]);
  });

  it("foreign keys between organisation-scoped tables include organisation_id", async () => {
    expect(await offenders(database.db, singleColumnTenantForeignKeys)).toEqual([]);
  });

  it("every foreign key has an index leading with its columns (deletes do not scan the referencing table)", async () => {
    expect(await offenders(database.db, unindexedForeignKeys)).toEqual([]);
  });

  it("no index is a leading prefix of another on the same table (each costs writes and serves nothing)", async () => {
    expect(await offenders(database.db, redundantPrefixIndexes)).toEqual([]);
  });

  it("no extension lives in public", async () => {
    expect(await offenders(database.db, extensionsInPublic)).toEqual([]);
  });

  it("the moved extensions still serve the trigram index and the no-overlap constraint", async () => {
    const result = await database.db.execute(sql`
      select e.extname, e.extnamespace::regnamespace::text as schema from pg_extension e
      where e.extname in ('pg_trgm', 'btree_gist') order by 1`);
    expect(result.rows).toEqual([
      { extname: "btree_gist", schema: "extensions" },
      { extname: "pg_trgm", schema: "extensions" },
    ]);
    const plan = await withRollback(database.db, async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return JSON.stringify(
        (
          await tx.execute(sql`explain (format json) select id from public.calls
          where (coalesce(from_number, '') || ' ' || coalesce(transcript, '')) ilike '%check-up%'`)
        ).rows,
      );
    });
    expect(plan).toContain("calls_search_trgm_idx");
  });

  it("tenant-writable tables have no global unique index beyond the accepted ones", async () => {
    const found = await offenders(database.db, globalUniqueIndexesOnWritableTenantTables);
    expect(found.filter((name) => !(name in acceptedGlobalUniqueIndexes))).toEqual([]);
  });

  // A tripwire that cannot fail is worse than none: break each rule once, inside a
  // transaction that is rolled back, and check that the query names the offender.
  it("each tripwire names a deliberately broken object", async () => {
    const caught = await withRollback(database.db, async (tx) => {
      await tx.execute(sql`create table public.tripwire_probe (id int, organisation_id uuid, other_id int, api_secret text, code text)`);
      await tx.execute(sql`create table public.tripwire_target (id int primary key, organisation_id uuid, unique (organisation_id, id))`);
      await tx.execute(
        sql`alter table public.tripwire_probe add constraint tripwire_probe_other_fkey foreign key (other_id) references public.tripwire_target (id)`,
      );
      await tx.execute(sql`create unique index tripwire_probe_code_key on public.tripwire_probe (code)`);
      await tx.execute(sql`create index tripwire_probe_organisation_idx on public.tripwire_probe (organisation_id)`);
      await tx.execute(sql`create index tripwire_probe_organisation_code_idx on public.tripwire_probe (organisation_id, code)`);
      // Same leading column, another predicate: not redundant.
      await tx.execute(
        sql`create index tripwire_probe_organisation_partial_idx on public.tripwire_probe (organisation_id) where code is null`,
      );
      await tx.execute(sql`grant select, insert, update on public.tripwire_probe to anon, authenticated`);
      await tx.execute(sql`grant truncate on public.tripwire_probe to authenticated`);
      await tx.execute(sql`grant create on schema public to authenticated`);
      await tx.execute(sql`create policy "Anyone" on public.tripwire_probe for update using (true)`);
      await tx.execute(
        sql`create policy "Signed in" on public.tripwire_probe for insert to authenticated with check ((select auth.uid()) is not null)`,
      );
      await tx.execute(
        sql`create policy "Any of" on public.tripwire_probe for select to authenticated
            using (organisation_id = any (array(select private.acting_organisation_id())))`,
      );
      // Verified, but called per row instead of once per statement (no `(select ...)`).
      await tx.execute(
        sql`create policy "Unwrapped" on public.tripwire_probe for delete to authenticated
            using (organisation_id = private.acting_organisation_id())`,
      );
      await tx.execute(sql`create view public.tripwire_view as select id from public.tripwire_probe`);
      await tx.execute(sql.raw(`create function public.tripwire_definer() returns int language sql security definer as 'select 1'`));
      return {
        rls: await offenders(tx, tablesWithoutRls),
        publicPolicies: await offenders(tx, policiesForPublic),
        noCheck: await offenders(tx, updatePoliciesWithoutCheck),
        trivialCheck: await offenders(tx, policiesWithTrivialCheck),
        notActing: await offenders(tx, policiesNotScopedToActingOrganisation),
        anonDefiners: await offenders(tx, definersExecutableByAnon),
        noSearchPath: await offenders(tx, definersWithoutSearchPath),
        views: await offenders(tx, viewsWithoutSecurityInvoker),
        anon: await offenders(tx, anonPrivileges),
        secrets: await offenders(tx, readableSecrets),
        beyondRls: await offenders(tx, authenticatedPrivilegesBeyondRls),
        creators: await offenders(tx, schemaCreators),
        foreignKeys: await offenders(tx, singleColumnTenantForeignKeys),
        uniques: await offenders(tx, globalUniqueIndexesOnWritableTenantTables),
        unindexed: await offenders(tx, unindexedForeignKeys),
        redundant: await offenders(tx, redundantPrefixIndexes),
      };
    });
    expect(caught.rls).toContain("tripwire_probe");
    expect(caught.publicPolicies).toContain("tripwire_probe: Anyone");
    expect(caught.noCheck).toContain("tripwire_probe: Anyone");
    expect(caught.trivialCheck).toEqual(expect.arrayContaining(["tripwire_probe: Anyone", "tripwire_probe: Signed in"]));
    expect(caught.notActing).toEqual(
      expect.arrayContaining([
        "tripwire_probe: Any of",
        "tripwire_probe: Anyone",
        "tripwire_probe: Signed in",
        "tripwire_probe: Unwrapped",
      ]),
    );
    expect(caught.anonDefiners).toContain("tripwire_definer()");
    expect(caught.noSearchPath).toContain("tripwire_definer()");
    expect(caught.views).toContain("tripwire_view");
    expect(caught.anon).toContain("tripwire_probe");
    expect(caught.secrets).toEqual(
      expect.arrayContaining(["public.tripwire_probe.api_secret (anon)", "public.tripwire_probe.api_secret (authenticated)"]),
    );
    expect(caught.beyondRls).toContain("tripwire_probe (truncate)");
    expect(caught.creators).toContain("authenticated");
    expect(caught.foreignKeys).toContain("tripwire_probe_other_fkey");
    expect(caught.uniques).toContain("tripwire_probe_code_key");
    expect(caught.unindexed).toContain("tripwire_probe_other_fkey");
    expect(caught.redundant.filter((name) => name.startsWith("tripwire_"))).toEqual([
      "tripwire_probe_organisation_idx (served by tripwire_probe_organisation_code_idx)",
    ]);
  });
});

describe("constraints cannot reach across tenants (unique/FK oracles)", () => {
  let database: TestDatabase;
  let a: Organisation;
  let b: Organisation;
  let memberOfA: User;
  let callA: Call;
  let callB: Call;
  let numberB: PhoneNumber;

  beforeAll(async () => {
    database = await createTestDatabase();
    const f = createFactories(database.db);
    a = await f.createOrganisation({ name: "Clinic A" });
    b = await f.createOrganisation({ name: "Clinic B" });
    memberOfA = await f.createUser();
    await f.addMember(a, memberOfA, "member");
    callA = await f.createCall(a);
    callB = await f.createCall(b);
    numberB = await f.createPhoneNumber(b);
  });
  afterAll(() => database?.close());

  const slot = { startAt: new Date("2026-06-01T09:00:00Z"), endAt: new Date("2026-06-01T09:30:00Z") };

  async function failure(fn: (tx: Db) => Promise<unknown>): Promise<string | undefined> {
    return withRollback(database.db, async (tx) => {
      try {
        await tx.transaction((inner) => fn(inner as unknown as Db));
        return undefined;
      } catch (error) {
        const code = pgErrorCode(error);
        if (!code) throw error;
        return code;
      }
    });
  }

  it("service path: an appointment of A cannot reference a call of B (23503)", async () => {
    expect(await failure((tx) => tx.insert(appointments).values({ organisationId: a.id, callId: callB.id, ...slot }))).toBe("23503");
    // ...while the same insert with A's own call is fine.
    expect(await failure((tx) => tx.insert(appointments).values({ organisationId: a.id, callId: callA.id, ...slot }))).toBeUndefined();
  });

  it("service path: an existing appointment of A cannot be re-pointed at a call of B (23503)", async () => {
    const code = await failure(async (tx) => {
      const [row] = await tx
        .insert(appointments)
        .values({ organisationId: a.id, callId: callA.id, ...slot })
        .returning();
      await tx.execute(sql`update appointments set call_id = ${callB.id} where id = ${row!.id}`);
    });
    expect(code).toBe("23503");
  });

  it("service path: a call of A cannot reference a phone number of B (23503)", async () => {
    expect(await failure((tx) => tx.insert(calls).values({ organisationId: a.id, phoneNumberId: numberB.id }))).toBe("23503");
  });

  it("a member of A learns nothing from the FK: B's call and a call that does not exist fail alike", async () => {
    const book = (callId: string) =>
      failure((tx) =>
        runAsUser(tx, { userId: memberOfA.id, organisationId: a.id }, (db) =>
          db.insert(appointments).values({ organisationId: a.id, callId, ...slot }),
        ),
      );
    expect(await book(callB.id)).toBe("23503");
    expect(await book("00000000-0000-4000-8000-000000000000")).toBe("23503");
    expect(await book(callA.id)).toBeUndefined();
  });
});
