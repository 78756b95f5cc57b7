import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/server/audit/record-audit";
import { runWithRequestOrigin } from "@/server/audit/request-origin";
import { runAsUser } from "@/server/db/access";
import type { Db } from "@/server/db/connection";
import { createFactories, pgErrorCode, withRollback } from "../helpers/factories";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

/**
 * The audit log's table (decision 021): rows written by recordAudit inside the change's transaction
 * carry the person, the organisation, the client's address and user agent; only owners read them;
 * nobody the app runs as (authenticated, service_role, the service path's owner login) changes or
 * removes one before the clinic's audit retention.
 */
describe("audit log", () => {
  let database: TestDatabase;
  let clinic: Awaited<ReturnType<ReturnType<typeof createFactories>["createClinic"]>>;
  let other: Awaited<ReturnType<ReturnType<typeof createFactories>["createClinic"]>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const f = createFactories(database.db);
    clinic = await f.createClinic();
    other = await f.createClinic();
  });
  afterAll(() => database?.close());

  const request = () =>
    new Request("http://localhost:3000/api/anything", {
      headers: { "x-clinicall-peer-address": "203.0.113.7", "user-agent": "AuditTest/1.0 (\u0007bell)" },
    });

  async function as<T>(tx: Db, userId: string, organisationId: string, fn: (db: Db) => Promise<T>): Promise<{ value?: T; error?: string }> {
    try {
      return { value: await runAsUser(tx, { userId, organisationId }, fn) };
    } catch (error) {
      const code = pgErrorCode(error);
      if (!code) throw error;
      return { error: code };
    } finally {
      await tx.execute(sql`reset role`);
    }
  }

  async function rowsOf(tx: Db, organisationId: string) {
    const { rows } = await tx.execute(sql`select * from audit_events where organisation_id = ${organisationId} order by created_at, id`);
    return rows as Record<string, unknown>[];
  }

  it("records the person, organisation, address and user agent in the change's transaction, without secrets", async () => {
    await withRollback(database.db, async (tx) => {
      await runWithRequestOrigin(request(), () =>
        as(tx, clinic.member.id, clinic.organisation.id, (db) =>
          recordAudit(db, {
            action: "call.transcript_viewed",
            objectType: "call",
            objectId: "call-1",
            details: { fields: ["a"], token: "sk_live_x", nested: { password: "p", kept: "yes\u0000" } },
          }),
        ),
      );
      const [row] = await rowsOf(tx, clinic.organisation.id);
      expect(row).toMatchObject({
        user_id: clinic.member.id,
        ip_address: "203.0.113.7",
        user_agent: "AuditTest/1.0 (bell)",
        action: "call.transcript_viewed",
        object_type: "call",
        object_id: "call-1",
        details: { fields: ["a"], nested: { kept: "yes" } },
      });
    });
  });

  it("a change that rolls back leaves no audit row", async () => {
    await withRollback(database.db, async (tx) => {
      const outcome = await as(tx, clinic.owner.id, clinic.organisation.id, async (db) => {
        await recordAudit(db, { action: "intent.created", objectType: "intent", objectId: "x" });
        await db.execute(sql`select 1/0`);
      });
      expect(outcome.error).toBe("22012");
      expect(await rowsOf(tx, clinic.organisation.id)).toEqual([]);
    });
  });

  it("outside a user transaction it needs the organisation, and records the person given", async () => {
    await withRollback(database.db, async (tx) => {
      await expect(recordAudit(tx, { action: "billing.synced", objectType: "organisation" })).rejects.toThrow(/organisation/);
      await recordAudit(tx, {
        action: "calendar.connected",
        objectType: "calendar_connection",
        organisationId: clinic.organisation.id,
        userId: clinic.admin.id,
      });
      const [row] = await rowsOf(tx, clinic.organisation.id);
      expect(row).toMatchObject({ user_id: clinic.admin.id, ip_address: null, user_agent: null, action: "calendar.connected" });
    });
  });

  it("a person cannot write a row for someone else, another clinic, a past date or an action outside the list", async () => {
    await withRollback(database.db, async (tx) => {
      const insert = (db: Db, org: string, user: string, action = "hours.changed") =>
        db.execute(sql`insert into audit_events (organisation_id, user_id, action, object_type) values (${org}, ${user}, ${action}, 'x')`);
      expect(await as(tx, clinic.member.id, clinic.organisation.id, (db) => insert(db, clinic.organisation.id, clinic.owner.id))).toEqual({
        error: "42501",
      });
      expect(await as(tx, clinic.owner.id, clinic.organisation.id, (db) => insert(db, other.organisation.id, clinic.owner.id))).toEqual({
        error: "42501",
      });
      expect(
        (
          await as(tx, clinic.owner.id, clinic.organisation.id, (db) =>
            insert(db, clinic.organisation.id, clinic.owner.id, "everything.deleted"),
          )
        ).error,
      ).toBe("23514");
      await as(tx, clinic.owner.id, clinic.organisation.id, (db) =>
        db.execute(
          sql`insert into audit_events (organisation_id, action, object_type, created_at) values (${clinic.organisation.id}, 'hours.changed', 'x', '2001-01-01')`,
        ),
      );
      const rows = await rowsOf(tx, clinic.organisation.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.user_id).toBe(clinic.owner.id);
      expect(new Date(rows[0]!.created_at as string).getFullYear()).toBeGreaterThan(2001);
    });
  });

  it("only owners read the log: admins and members see nothing, a forged acting organisation sees nothing", async () => {
    await withRollback(database.db, async (tx) => {
      for (const org of [clinic.organisation.id, other.organisation.id]) {
        await recordAudit(tx, { action: "hours.changed", objectType: "working_hours", organisationId: org });
      }
      const seen = (userId: string, organisationId: string) =>
        as(tx, userId, organisationId, async (db) =>
          Number((await db.execute(sql`select count(*)::int as n from audit_events`)).rows[0]!.n),
        );
      expect(await seen(clinic.owner.id, clinic.organisation.id)).toEqual({ value: 1 });
      expect(await seen(clinic.admin.id, clinic.organisation.id)).toEqual({ value: 0 });
      expect(await seen(clinic.member.id, clinic.organisation.id)).toEqual({ value: 0 });
      const forged = await as(tx, clinic.owner.id, clinic.organisation.id, async (db) => {
        await db.execute(sql`select set_config('clinicall.acting_organisation_id', ${other.organisation.id}, true),
                                    set_config('clinicall.acting_role', 'owner', true)`);
        return Number(
          (await db.execute(sql`select count(*)::int as n from audit_events where organisation_id = ${other.organisation.id}`)).rows[0]!.n,
        );
      });
      expect(forged).toEqual({ value: 0 });
    });
  });

  it("no role the app uses updates, deletes or truncates a row", async () => {
    await withRollback(database.db, async (tx) => {
      await recordAudit(tx, { action: "hours.changed", objectType: "working_hours", organisationId: clinic.organisation.id });
      const statements = {
        update: sql`update audit_events set action = 'intent.created'`,
        delete: sql`delete from audit_events`,
        truncate: sql`truncate audit_events`,
      };
      for (const [verb, statement] of Object.entries(statements)) {
        // authenticated, as the clinic's owner
        expect(await as(tx, clinic.owner.id, clinic.organisation.id, (db) => db.execute(statement))).toEqual({ error: "42501" });
        // service_role (Supabase's service key) and the service path's own login (the schema's owner)
        for (const role of ["service_role", null]) {
          const outcome = await tx
            .transaction(async (inner) => {
              if (role) await inner.execute(sql`set local role service_role`);
              await inner.execute(statement);
            })
            .then(
              () => "done",
              (error) => pgErrorCode(error),
            );
          expect(outcome, `${role ?? "owner"}: ${verb}`).toBe("42501");
        }
      }
      expect(await rowsOf(tx, clinic.organisation.id)).toHaveLength(1);
    });
  });

  it("rows past the audit retention may be deleted; deleting the organisation takes its log", async () => {
    await withRollback(database.db, async (tx) => {
      await tx.execute(sql`insert into audit_events (organisation_id, action, object_type, created_at)
                           values (${clinic.organisation.id}, 'hours.changed', 'x', now() - interval '6 years 2 days'),
                                  (${clinic.organisation.id}, 'hours.changed', 'x', now() - interval '5 years')`);
      await tx.execute(
        sql`delete from audit_events where organisation_id = ${clinic.organisation.id} and created_at < now() - interval '6 years'`,
      );
      expect(await rowsOf(tx, clinic.organisation.id)).toHaveLength(1);
      await tx.execute(sql`delete from organisations where id = ${clinic.organisation.id}`);
      expect(await rowsOf(tx, clinic.organisation.id)).toHaveLength(0);
    });
  });
});
