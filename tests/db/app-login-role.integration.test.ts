import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsUser } from "@/server/db/access";
import { DatabaseUnavailableError, type Db, openDatabase } from "@/server/db/connection";
import { createFactories, pgErrorCode } from "../helpers/factories";
import { createTestDatabase, type TestDatabase, usingPostgres } from "../helpers/test-database";

/**
 * Signed-in requests do not run with the owner's powers (Postgres mode): the user pool logs in as
 * clinicall_app (20261205000110_app_login_role.sql), which can become `authenticated` and nothing
 * else. SQL that gets into a request and runs `reset role` or `set role postgres` gains nothing.
 * Webhooks and jobs have their own pool and budget, so a full user pool never holds up a call.
 */
describe.skipIf(!usingPostgres)("the login of signed-in requests (Postgres)", () => {
  let database: TestDatabase;
  let actor: { userId: string; organisationId: string };
  let otherOrganisation: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const f = createFactories(database.db);
    const { organisation, member } = await f.createClinic();
    const other = await f.createOrganisation();
    await f.createCall(organisation);
    await f.createCall(other);
    actor = { userId: member.id, organisationId: organisation.id };
    otherOrganisation = other.id;
  });
  afterAll(() => database?.close());

  /** Runs `injected` inside an honest signed-in transaction on the user pool; its value or SQLSTATE. */
  async function inject(injected: (db: Db) => Promise<unknown>): Promise<{ value?: unknown; error?: string }> {
    try {
      return { value: await runAsUser(database.userDb, actor, injected) };
    } catch (error) {
      const code = pgErrorCode(error);
      if (!code) throw error;
      return { error: code };
    }
  }

  it("logs in as clinicall_app and acts as authenticated, seeing its own organisation's calls", async () => {
    const result = await inject(
      async (db) =>
        (
          await db.execute(sql`select session_user::text as login, current_user::text as role,
                                   (select count(*)::int from calls) as calls`)
        ).rows,
    );
    expect(result).toEqual({ value: [{ login: "clinicall_app", role: "authenticated", calls: 1 }] });
  });

  it("after `reset role` it reads nothing (clinicall_app holds no privilege of its own)", async () => {
    const statements = {
      calls: sql`select count(*) from calls`,
      otherCalls: sql`select count(*) from calls where organisation_id = ${otherOrganisation}`,
      members: sql`select count(*) from organisation_members`,
      users: sql`select count(*) from auth.users`,
      actFor: sql`select public.act_for_organisation(${otherOrganisation}::uuid)`,
      definerHelper: sql`select * from public.organisation_members_with_email()`,
    };
    const outcomes: Record<string, unknown> = {};
    for (const [name, statement] of Object.entries(statements)) {
      outcomes[name] = await inject(async (db) => {
        await db.execute(sql`reset role`);
        return (await db.execute(statement)).rows;
      });
    }
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(statements).map((name) => [name, { error: "42501" }])));
  });

  it("`set role` to the owner or service_role, and `set session authorization`, are refused (42501)", async () => {
    for (const statement of [
      sql`set role postgres`,
      sql`set role service_role`,
      sql`set local role anon`,
      sql`set session authorization postgres`,
      sql.raw(`set role "${new URL(database.url!).username}"`),
    ]) {
      expect(await inject((db) => db.execute(statement))).toEqual({ error: "42501" });
    }
  });

  it("refuses to open with an app login that could leave the policies behind (the owner's)", async () => {
    await expect(
      openDatabase({ databaseUrl: database.url!, appDatabaseUrl: database.url!, poolSize: 1, servicePoolSize: 1 }),
    ).rejects.toThrow(DatabaseUnavailableError);
    await expect(
      openDatabase({ databaseUrl: database.url!, appDatabaseUrl: database.url!, poolSize: 1, servicePoolSize: 1 }),
    ).rejects.toThrow(
      /DATABASE_APP_URL must log in as a role that can become authenticated and nothing else: .*SUPERUSER|must be a member of authenticated only/,
    );
  });

  it("a full user pool does not hold up the service path: the budgets are separate", async () => {
    const small = await openDatabase({ databaseUrl: database.url!, appDatabaseUrl: database.appUrl!, poolSize: 2, servicePoolSize: 1 });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    let allStarted!: () => void;
    const bothHeld = new Promise<void>((resolve) => (allStarted = resolve));
    try {
      // Every connection of the user pool is held by a signed-in transaction...
      const holders = [1, 2].map(() =>
        runAsUser(small.userDb, actor, async (db) => {
          await db.execute(sql`select 1`);
          if (++started === 2) allStarted();
          await released;
        }),
      );
      await bothHeld;
      // ...and the service path still answers at once, on its own connection.
      const service = await small.db.execute(sql`select count(*)::int as n from calls`);
      expect(service.rows).toEqual([{ n: 2 }]);
      release();
      await Promise.all(holders);
    } finally {
      release();
      await small.close();
    }
  });
});

describe.skipIf(usingPostgres)("the login of signed-in requests (PGlite)", () => {
  it("is the one embedded connection: the user path and the service path share it", async () => {
    const database = await createTestDatabase();
    try {
      expect(database.userDb).toBe(database.db);
    } finally {
      await database.close();
    }
  });
});
