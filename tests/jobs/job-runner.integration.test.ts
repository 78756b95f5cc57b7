import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { asService } from "@/server/db/access";
import { enqueue } from "@/server/jobs/enqueue";
import { JOBS_SCHEMA } from "@/server/jobs/job-boss";
import { type JobRunner, startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { jobDefinitions } from "@/server/jobs/registry";
import { useTestApp } from "../helpers/api";

/**
 * pg-boss on the app's own database (PGlite by default, the Postgres server with DATABASE_URL):
 * it installs its schema, enqueues inside the app's transactions, works and schedules jobs, and
 * its schema is closed to the API roles.
 */
const test = useTestApp({ env: () => ({ JOBS_TIMEZONE: "Europe/London" }) });
let runner: JobRunner;

beforeAll(async () => {
  runner = await startJobRunner({ work: true, handlers: jobDefinitions(), database: test.db(), databaseUrl: test.db().url });
});
afterAll(async () => {
  await stopJobRunner({ timeoutMs: 1_000 });
});

async function jobsNamed(name: string) {
  const { rows } = await test.db().db.execute(sql`select id, state from pgboss.job where name = ${name} order by created_on`);
  return rows as { id: string; state: string }[];
}

describe("pg-boss on this database and this Node", () => {
  it(`installs its schema in ${JOBS_SCHEMA} and runs on Node ${process.versions.node}, below the >=22.12 its package asks for`, async () => {
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(20);
    expect(await runner.boss.isInstalled()).toBe(true);
    expect(await runner.boss.schemaVersion()).toBeGreaterThan(0);
    const queues = (await runner.boss.getQueues()).filter((q) => !q.name.startsWith("__pgboss__"));
    expect(queues.map((q) => q.name).sort()).toEqual(
      jobDefinitions()
        .map((d) => d.name)
        .sort(),
    );
  });

  it("keeps each registered type's retry policy, timeout and uniqueness on its queue", async () => {
    for (const definition of jobDefinitions()) {
      const queue = await runner.boss.getQueue(definition.name);
      expect(queue).toMatchObject({
        retryLimit: definition.retry.limit,
        retryDelay: definition.retry.delaySeconds,
        retryBackoff: definition.retry.backoff,
        expireInSeconds: definition.timeoutSeconds,
        policy: definition.unique === "oneAtATime" ? "stately" : "standard",
      });
    }
  });

  it("schedules the recurring jobs in JOBS_TIMEZONE with their missed-run policy", async () => {
    const schedules = await runner.boss.getSchedules();
    expect(
      schedules.map((s) => ({ name: s.name, cron: s.cron, timezone: s.timezone })).sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: "account.token-cleanup", cron: "30 2 * * *", timezone: "Europe/London" },
      { name: "billing.nightly-resync", cron: "0 4 * * *", timezone: "Europe/London" },
      { name: "calendar.nightly-cleanup", cron: "0 3 * * *", timezone: "Europe/London" },
      { name: "calendar.outbox-pass", cron: "* * * * *", timezone: "Europe/London" },
      { name: "notify.sweep", cron: "*/5 * * * *", timezone: "Europe/London" },
      { name: "privacy.housekeeping", cron: "20 * * * *", timezone: "Europe/London" },
      { name: "privacy.provider-deletions", cron: "*/5 * * * *", timezone: "Europe/London" },
      { name: "privacy.retention-purge", cron: "30 2 * * *", timezone: "Europe/London" },
      { name: "sms.dispatch", cron: "* * * * *", timezone: "Europe/London" },
    ]);
    const nightly = schedules.find((s) => s.name === "calendar.nightly-cleanup") as unknown as {
      missed?: string;
      options?: { missed?: string };
    };
    expect(nightly.missed ?? nightly.options?.missed).toBe("once");
  });
});

describe("enqueue inside the transaction of the change that causes it", () => {
  it("leaves no job when the transaction rolls back, and one when it commits", async () => {
    const type = "calendar.nightly-cleanup";
    await runner.boss.offWork(type, { wait: true }); // keep the committed job waiting, to count it
    const before = (await jobsNamed(type)).length;
    await expect(
      asService(async (tx) => {
        await enqueue(tx, type, {});
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await jobsNamed(type)).toHaveLength(before);

    const id = await asService((tx) => enqueue(tx, type, {}));
    expect(id).toEqual(expect.any(String));
    expect((await jobsNamed(type)).map((j) => j.id)).toContain(id);
  });

  it("refuses a payload its type's schema does not accept", async () => {
    await expect(asService((tx) => enqueue(tx, "calendar.outbox-pass", { unexpected: 1 } as never))).rejects.toThrow();
  });

  it("works a committed job in this process", async () => {
    const id = await asService((tx) => enqueue(tx, "calendar.outbox-pass", {}));
    expect(id).toEqual(expect.any(String));
    await vi.waitFor(async () => expect((await jobsNamed("calendar.outbox-pass")).find((j) => j.id === id)?.state).toBe("completed"), {
      timeout: 30_000,
      interval: 200,
    });
  });
});

describe("the job schema is closed to the API roles", () => {
  for (const role of ["anon", "authenticated"]) {
    it(`${role} has no privilege on ${JOBS_SCHEMA} or anything in it`, async () => {
      const { rows } = await test.db().db.execute(sql`
        select has_schema_privilege(${role}, 'pgboss', 'USAGE') as usage,
               has_schema_privilege(${role}, 'pgboss', 'CREATE') as "create",
               (select count(*)::int from pg_tables t where t.schemaname = 'pgboss') as tables,
               (select count(*)::int from pg_tables t where t.schemaname = 'pgboss'
                  and (has_table_privilege(${role}, format('%I.%I', t.schemaname, t.tablename), 'SELECT')
                    or has_table_privilege(${role}, format('%I.%I', t.schemaname, t.tablename), 'INSERT')
                    or has_table_privilege(${role}, format('%I.%I', t.schemaname, t.tablename), 'UPDATE')
                    or has_table_privilege(${role}, format('%I.%I', t.schemaname, t.tablename), 'DELETE'))) as granted`);
      expect(rows[0]).toMatchObject({ usage: false, create: false, granted: 0 });
      expect(Number(rows[0]!.tables)).toBeGreaterThan(3);
      const attempt = (statement: ReturnType<typeof sql>) =>
        test.db().db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local role ${role}`));
          await tx.execute(statement);
        });
      await expect(attempt(sql`select * from pgboss.job limit 1`)).rejects.toMatchObject({ cause: { code: "42501" } });
      await expect(attempt(sql`delete from pgboss.queue`)).rejects.toMatchObject({ cause: { code: "42501" } });
      await expect(attempt(sql`select pgboss.create_queue('intruder', '{}'::json)`)).rejects.toMatchObject({ cause: { code: "42501" } });
    });
  }
});
