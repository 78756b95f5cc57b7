import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCurrentUserAndOrg } from "@/server/auth/current-user";
import { createSession } from "@/server/auth/sessions";
import { asAuth, asService } from "@/server/db/access";
import { type Database, openDatabase } from "@/server/db/connection";
import { closeDatabase, setDatabase } from "@/server/db/database";
import { createFactories } from "../helpers/factories";
import { createTestDatabase, type TestDatabase, usingPostgres } from "../helpers/test-database";

/**
 * Sign-up, log-in, log-out and the session look-up of every request run on the auth pool, a budget
 * of their own (DATABASE_AUTH_POOL_SIZE): a flood of log-ins queues there and never takes the
 * connection a webhook needs, and a burst of webhooks never keeps people from signing in.
 */
describe.skipIf(!usingPostgres)("the auth pool (Postgres)", () => {
  let database: TestDatabase;
  let token: string;
  let userId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const f = createFactories(database.db);
    const { organisation, member } = await f.createClinic();
    await f.createCall(organisation);
    userId = member.id;
    token = await createSession(database.db, member.id, organisation.id);
  });
  afterAll(() => database?.close());

  /** One connection per pool, installed as the process's database; the caller closes it. */
  async function smallDatabase(): Promise<Database> {
    const small = await openDatabase({
      databaseUrl: database.url!,
      appDatabaseUrl: database.appUrl!,
      poolSize: 1,
      servicePoolSize: 1,
      authPoolSize: 1,
    });
    setDatabase(small);
    return small;
  }

  /** Holds the only connection of a pool (through `run`) until the returned release is called. */
  async function holdPool(run: (fn: () => Promise<void>) => Promise<unknown>) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const done = run(async () => {
      held();
      await released;
    });
    await holding;
    return { release, done };
  }

  it("a saturated auth pool does not hold up a webhook's database access", async () => {
    await smallDatabase();
    const auth = await holdPool((fn) =>
      asAuth(async (tx) => {
        await tx.execute(sql`select 1`);
        await fn();
      }),
    );
    try {
      // A session look-up arrives and queues behind the held connection...
      let lookedUp = false;
      const lookup = getCurrentUserAndOrg(token).then((current) => {
        lookedUp = true;
        return current;
      });
      // ...while the service path answers on its own connection.
      const service = await asService((tx) => tx.execute(sql`select count(*)::int as n from calls`));
      expect(service.rows).toEqual([{ n: 1 }]);
      expect(lookedUp).toBe(false);
      auth.release();
      expect((await lookup)?.user.id).toBe(userId);
      await auth.done;
    } finally {
      auth.release();
      await closeDatabase();
    }
  });

  it("a saturated service pool does not hold up the session look-up (it runs on the auth pool)", async () => {
    await smallDatabase();
    const service = await holdPool((fn) =>
      asService(async (tx) => {
        await tx.execute(sql`select 1`);
        await fn();
      }),
    );
    try {
      const current = await getCurrentUserAndOrg(token);
      expect(current?.user.id).toBe(userId);
      service.release();
      await service.done;
    } finally {
      service.release();
      await closeDatabase();
    }
  });

  it("logs in as the owner (DATABASE_URL), as the service pool does", async () => {
    const small = await smallDatabase();
    try {
      const login = async (db: typeof small.db) => (await db.execute(sql`select session_user::text as login`)).rows;
      expect(await login(small.authDb)).toEqual(await login(small.db));
    } finally {
      await closeDatabase();
    }
  });
});

describe.skipIf(usingPostgres)("the auth pool (PGlite)", () => {
  it("is the one embedded connection, shared with the service and user paths", async () => {
    const database = await createTestDatabase();
    try {
      expect(database.authDb).toBe(database.db);
    } finally {
      await database.close();
    }
  });
});
