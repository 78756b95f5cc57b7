import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsUser } from "@/server/db/access";
import type { Db } from "@/server/db/connection";
import { createFactories, type Organisation, pgErrorCode, type User } from "../helpers/factories";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { seedCalls } from "./seed-calls";

/**
 * public.search_call_ids runs as its owner (row level security does not apply inside), so it
 * must check itself that the caller acts for that organisation (runAsUser verified the
 * membership): only then does it give ids back.
 */
describe("public.search_call_ids", () => {
  let database: TestDatabase;
  let clinicA: Organisation;
  let clinicB: Organisation;
  let memberA: User;
  let memberB: User;
  let ids: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const f = createFactories(database.db);
    clinicA = await f.createOrganisation();
    clinicB = await f.createOrganisation();
    memberA = await f.createUser();
    memberB = await f.createUser();
    await f.addMember(clinicA, memberA, "member");
    await f.addMember(clinicB, memberB, "owner");
    const seeded = await seedCalls(database.db, clinicA.id, 5, (i) => ({
      createdAt: new Date(Date.UTC(2026, 3, 1, 10, i)),
      transcript: i === 2 ? "User: where do I park?" : "User: I'd like to book a filling",
      status: i === 0 ? ("failed" as const) : ("ended" as const),
    }));
    await seedCalls(database.db, clinicB.id, 3, () => ({ transcript: "User: I'd like to book a filling" }));
    ids = seeded.map((c) => c.id);
  });
  afterAll(async () => {
    await database.close();
  });

  const search = (tx: Db, extra = sql``) => tx.execute(sql`select public.search_call_ids(${clinicA.id}::uuid, '%book%', 10${extra}) as id`);
  const idsOf = (result: { rows: Record<string, unknown>[] }) => result.rows.map((r) => r.id);

  it("gives a member their clinic's matches, newest first, with filters and keyset", async () => {
    expect(idsOf(await runAsUser(database.db, { userId: memberA.id, organisationId: clinicA.id }, (tx) => search(tx)))).toEqual([
      ids[4],
      ids[3],
      ids[1],
      ids[0],
    ]);
    const failed = await runAsUser(database.db, { userId: memberA.id, organisationId: clinicA.id }, (tx) =>
      search(tx, sql`, p_statuses => '{failed}'::text[]`),
    );
    expect(idsOf(failed)).toEqual([ids[0]]);
    const after = await runAsUser(database.db, { userId: memberA.id, organisationId: clinicA.id }, (tx) =>
      search(tx, sql`, p_before_created_at => '2026-04-01T10:03:00Z'::timestamptz, p_before_id => ${ids[3]}::uuid`),
    );
    expect(idsOf(after)).toEqual([ids[1], ids[0]]);
  });

  it("gives a member of another clinic, and a session without claims, nothing", async () => {
    expect(idsOf(await runAsUser(database.db, { userId: memberB.id, organisationId: clinicB.id }, (tx) => search(tx)))).toEqual([]);
    const noClaims = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local role authenticated`);
      return search(tx as unknown as Db);
    });
    expect(idsOf(noClaims)).toEqual([]);
  });

  it("cannot be called by anon", async () => {
    const error = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`set local role anon`);
        return search(tx as unknown as Db);
      })
      .catch((e: unknown) => e);
    expect(pgErrorCode(error)).toBe("42501");
  });

  it("its index takes entries as calls are written, with no GIN pending list for a webhook's insert to merge", async () => {
    const result = await database.db.execute(sql`
      select c.reloptions from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname = 'calls_search_trgm_idx'`);
    expect(result.rows).toEqual([{ reloptions: ["fastupdate=off"] }]);
  });
});
