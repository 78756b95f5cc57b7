import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsUser } from "@/server/db/access";
import type { Db } from "@/server/db/connection";
import { createFactories, pgErrorCode, withRollback } from "../helpers/factories";
import { seedEveryTable } from "../helpers/seed-every-table";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

/**
 * The organisation the policies compare with is verified, not trusted
 * (20261205000100_verified_acting_organisation.sql). A signed-in transaction of A that runs
 * injected SQL can set `clinicall.acting_organisation_id` and `clinicall.acting_role` to anything
 * with set_config; it must still see and write none of B's rows, in every organisation-scoped
 * table, directly or through the SECURITY DEFINER helpers.
 */

interface World {
  orgA: string;
  orgB: string;
  ownerA: string;
  memberB: string;
}

/** Every organisation-scoped table in public, read from the catalog: a new table is covered (or fails) by itself. */
async function scopedTables(db: Db): Promise<{ table: string; orgColumn: string }[]> {
  const result = await db.execute(sql`
    select c.table_name as table, 'organisation_id' as org_column
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.column_name = 'organisation_id'
    union all select 'organisations', 'id'
    order by 1`);
  return result.rows.map((r) => ({ table: r.table as string, orgColumn: r.org_column as string }));
}

const MARKER = "2001-02-03T04:05:06.000Z";

describe("a forged acting organisation shows and writes nothing", () => {
  let database: TestDatabase;
  let w: World;
  let tables: { table: string; orgColumn: string }[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const f = createFactories(database.db);
    const a = await f.createOrganisation({ name: "Clinic A" });
    const b = await f.createOrganisation({ name: "Clinic B" });
    const ownerA = await f.createUser();
    const memberB = await f.createUser();
    const ownerB = await f.createUser();
    await f.addMember(a, ownerA, "owner");
    await f.addMember(b, memberB, "member");
    await f.addMember(b, ownerB, "owner");
    await seedEveryTable(database.db, a, "forgeda");
    await seedEveryTable(database.db, b, "forgedb");
    w = { orgA: a.id, orgB: b.id, ownerA: ownerA.id, memberB: memberB.id };
    tables = await scopedTables(database.db);
  });
  afterAll(() => database?.close());

  /** Inside `userId`'s honest transaction for `actingFor`, the injected SQL forges the settings. */
  async function forged<T>(
    tx: Db,
    actor: { userId: string; actingFor: string },
    forge: { organisationId: string; role: string },
    fn: (db: Db) => Promise<T>,
  ): Promise<{ value?: T; error?: string }> {
    try {
      const value = await runAsUser(tx, { userId: actor.userId, organisationId: actor.actingFor }, async (db) => {
        await db.execute(sql`select set_config('clinicall.acting_organisation_id', ${forge.organisationId}, true),
                                    set_config('clinicall.acting_role', ${forge.role}, true)`);
        return fn(db);
      });
      return { value };
    } catch (error) {
      const code = pgErrorCode(error);
      if (!code) throw error;
      return { error: code };
    } finally {
      await tx.execute(sql`reset role`);
    }
  }

  const inB = (spec: { orgColumn: string }) => sql`${sql.identifier(spec.orgColumn)} = ${w.orgB}`;
  async function count(tx: Db, table: string, where: ReturnType<typeof sql>): Promise<number> {
    const result = await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`);
    return Number(result.rows[0]!.n);
  }
  const attackerOfA = () => ({ userId: w.ownerA, actingFor: w.orgA });
  const toB = () => ({ organisationId: w.orgB, role: "owner" });

  it("covers every organisation-scoped table, each with rows of B to aim at", async () => {
    expect(tables.length).toBeGreaterThanOrEqual(14);
    for (const spec of tables) expect(await count(database.db, spec.table, inB(spec)), spec.table).toBeGreaterThan(0);
  });

  it("the owner of A, forging B as owner, sees none of B's rows in any table", async () => {
    const seen = await withRollback(database.db, async (tx) => {
      const result: Record<string, number | string> = {};
      for (const spec of tables) {
        const outcome = await forged(tx, attackerOfA(), toB(), async (db) =>
          Number((await db.execute(sql`select count(*)::int as n from ${sql.identifier(spec.table)} where ${inB(spec)}`)).rows[0]!.n),
        );
        result[spec.table] = outcome.error ?? outcome.value!;
      }
      return result;
    });
    // 0 rows, or 42501 where `authenticated` holds no SELECT at all (oauth_states).
    for (const [table, outcome] of Object.entries(seen)) expect([0, "42501"], table).toContain(outcome);
    expect(Object.values(seen).filter((o) => o === 0).length).toBeGreaterThan(10);
  });

  it("the owner of A, forging B as owner, updates none of B's rows in any table", async () => {
    const changed = await withRollback(database.db, async (tx) => {
      const result: Record<string, number> = {};
      for (const spec of tables) {
        await forged(tx, attackerOfA(), toB(), (db) =>
          db.execute(sql`update ${sql.identifier(spec.table)} set created_at = ${MARKER}::timestamptz where ${inB(spec)}`),
        );
        result[spec.table] = await count(tx, spec.table, sql`created_at = ${MARKER}::timestamptz`);
      }
      return result;
    });
    expect(changed).toEqual(Object.fromEntries(tables.map((t) => [t.table, 0])));
  });

  it("the owner of A, forging B as owner, deletes none of B's rows in any table", async () => {
    const deleted = await withRollback(database.db, async (tx) => {
      const result: Record<string, number> = {};
      for (const spec of tables) {
        const before = await count(tx, spec.table, inB(spec));
        await forged(tx, attackerOfA(), toB(), (db) => db.execute(sql`delete from ${sql.identifier(spec.table)} where ${inB(spec)}`));
        result[spec.table] = before - (await count(tx, spec.table, inB(spec)));
      }
      return result;
    });
    expect(deleted).toEqual(Object.fromEntries(tables.map((t) => [t.table, 0])));
  });

  it("the owner of A, forging B as owner, inserts no row into B in any table (42501)", async () => {
    const outcomes = await withRollback(database.db, async (tx) => {
      const result: Record<string, string | undefined> = {};
      for (const spec of tables) {
        // A copy of one of B's rows: whatever the columns, only the policy can refuse it first.
        const [row] = (await tx.execute(sql`select to_jsonb(t) as row from ${sql.identifier(spec.table)} t where ${inB(spec)} limit 1`))
          .rows;
        const before = await count(tx, spec.table, sql`true`);
        const outcome = await forged(tx, attackerOfA(), toB(), (db) =>
          db.execute(sql`insert into ${sql.identifier(spec.table)}
                         select * from jsonb_populate_record(null::${sql.identifier(spec.table)}, ${JSON.stringify(row!.row)}::jsonb)`),
        );
        expect(await count(tx, spec.table, sql`true`), spec.table).toBe(before);
        result[spec.table] = outcome.error;
      }
      return result;
    });
    expect(outcomes).toEqual(Object.fromEntries(tables.map((t) => [t.table, "42501"])));
  });

  it("a plain member of B who forges the role `owner` keeps a member's rights in B", async () => {
    const memberOfB = () => ({ userId: w.memberB, actingFor: w.orgB });
    const result = await withRollback(database.db, async (tx) => ({
      renameOrganisation: await forged(tx, memberOfB(), toB(), (db) =>
        db.execute(sql`update organisations set name = 'Taken over' where id = ${w.orgB}`),
      ),
      invitations: await forged(
        tx,
        memberOfB(),
        toB(),
        async (db) => (await db.execute(sql`select count(*)::int as n from organisation_invitations`)).rows[0]!.n,
      ),
      addIntent: await forged(tx, memberOfB(), toB(), (db) =>
        db.execute(sql`insert into intents (organisation_id, name) values (${w.orgB}, 'Forged')`),
      ),
      promoteSelf: await forged(tx, memberOfB(), toB(), (db) =>
        db.execute(sql`update organisation_members set role = 'owner' where user_id = ${w.memberB}`),
      ),
      renamed: await count(tx, "organisations", sql`name = 'Taken over'`),
      promoted: await count(tx, "organisation_members", sql`user_id = ${w.memberB} and role = 'owner'`),
    }));
    expect(result).toEqual({
      renameOrganisation: { value: expect.anything() },
      invitations: { value: 0 },
      addIntent: { error: "42501" },
      promoteSelf: { value: expect.anything() },
      renamed: 0,
      promoted: 0,
    });
  });

  it("the SECURITY DEFINER helpers verify too: no member list and no call search of B", async () => {
    const result = await withRollback(database.db, async (tx) => ({
      members: await forged(
        tx,
        attackerOfA(),
        toB(),
        async (db) => (await db.execute(sql`select organisation_id::text from public.organisation_members_with_email()`)).rows,
      ),
      search: await forged(
        tx,
        attackerOfA(),
        toB(),
        async (db) => (await db.execute(sql`select * from public.search_call_ids(${w.orgB}::uuid, '%check-up%', 100)`)).rows,
      ),
      actFor: await forged(tx, attackerOfA(), toB(), (db) => db.execute(sql`select public.act_for_organisation(${w.orgB}::uuid)`)),
      // The honest helpers still answer for A.
      ownMembers: await forged(
        tx,
        attackerOfA(),
        { organisationId: w.orgA, role: "member" },
        async (db) => (await db.execute(sql`select organisation_id::text as org from public.organisation_members_with_email()`)).rows,
      ),
      ownSearch: await forged(
        tx,
        attackerOfA(),
        { organisationId: w.orgA, role: "member" },
        async (db) => (await db.execute(sql`select * from public.search_call_ids(${w.orgA}::uuid, '%check-up%', 100)`)).rows.length,
      ),
    }));
    expect(result).toEqual({
      members: { value: [] },
      search: { value: [] },
      actFor: { error: "42501" },
      ownMembers: { value: [{ org: w.orgA }] },
      ownSearch: { value: 1 },
    });
  });

  it("user_organisation_ids() lists exactly the signed-in user's organisations, and anon may not call it", async () => {
    const result = await withRollback(database.db, async (tx) => ({
      ownerA: await forged(
        tx,
        attackerOfA(),
        toB(),
        async (db) => (await db.execute(sql`select id::text from public.user_organisation_ids() id`)).rows,
      ),
      anon: await (async () => {
        try {
          await tx.transaction(async (inner) => {
            await inner.execute(sql`set local role anon`);
            await inner.execute(sql`select public.user_organisation_ids()`);
          });
          return undefined;
        } catch (error) {
          return pgErrorCode(error);
        } finally {
          await tx.execute(sql`reset role`);
        }
      })(),
    }));
    expect(result).toEqual({ ownerA: { value: [{ id: w.orgA }] }, anon: "42501" });
  });
});

describe("the verified policy keeps the newest-first index walk", () => {
  let database: TestDatabase;
  let actor: { userId: string; organisationId: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    const f = createFactories(database.db);
    const { organisation, member } = await f.createClinic();
    const other = await f.createOrganisation();
    for (const org of [organisation, other]) {
      await database.db.execute(sql`
        insert into calls (organisation_id, status, created_at)
        select ${org.id}, 'ended', now() - make_interval(days => g) from generate_series(1, 300) g`);
    }
    await database.db.execute(sql`analyze calls`);
    actor = { userId: member.id, organisationId: organisation.id };
  });
  afterAll(() => database?.close());

  /** The plan as JSON, with every other path priced out, so only "can this shape walk the index?" decides. */
  async function planOf(query: ReturnType<typeof sql>): Promise<string> {
    return runAsUser(database.db, actor, async (db) => {
      await db.execute(sql`set local enable_seqscan = off`);
      await db.execute(sql`set local enable_bitmapscan = off`);
      await db.execute(sql`set local enable_sort = off`);
      const result = await db.execute(sql`explain (format json) ${query}`);
      return JSON.stringify(result.rows[0]);
    });
  }

  it("the newest page relying on the policy alone: an index scan on (organisation_id, created_at desc, id desc), no sort", async () => {
    const plan = await planOf(sql`select id from calls order by created_at desc, id desc limit 25`);
    expect(plan).toContain('"Index Name":"calls_organisation_created_at_idx"');
    expect(plan).toMatch(/"Index Cond":"\(organisation_id = [^"]+\)"/);
    expect(plan).toContain('"Subplan Name":"InitPlan 1');
    expect(plan).not.toContain('"Node Type":"Sort"');
  });

  it("the same page returns the organisation's 25 newest calls", async () => {
    const ids = await runAsUser(
      database.db,
      actor,
      async (db) => (await db.execute(sql`select organisation_id::text as org from calls order by created_at desc, id desc limit 25`)).rows,
    );
    expect(ids).toHaveLength(25);
    expect(new Set(ids.map((r) => r.org))).toEqual(new Set([actor.organisationId]));
  });

  it("a 30-day count reads one organisation's date range from an index (organisation and date as its condition)", async () => {
    const plan = await planOf(sql`select count(*) from calls where created_at >= now() - interval '30 days'`);
    expect(plan).toMatch(/"Node Type":"Index (Only )?Scan"/);
    expect(plan).toMatch(/"Index Cond":"\(\(organisation_id = [^"]+\) AND \(created_at >= [^"]+\)\)"/);
  });
});
