import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { asService, asUser } from "@/server/db/access";
import { intents } from "@/server/db/schema";
import { enqueueJob } from "@/server/jobs/enqueue";
import { defineJobType } from "@/server/jobs/job-definition";
import { jobIdForKey } from "@/server/jobs/job-ids";
import { type JobRunner, startJobRunner, stopJobRunner } from "@/server/jobs/job-runner";
import { jobTypeList } from "@/server/jobs/job-types";
import { syncUserJobTypes } from "@/server/jobs/user-job-types";
import { useTestApp } from "../helpers/api";
import { createFactories, pgErrorCode } from "../helpers/factories";

/**
 * A signed-in user's transaction (role `authenticated`, no privilege on pg-boss's schema) enqueues
 * a job through private.enqueue_job: only a type registered with `userEnqueue`, only for the
 * organisation the user verifiably acts for, committed or rolled back with the change.
 */
const test = useTestApp();
let runner: JobRunner;

const memberJob = defineJobType({
  name: "test.user-job",
  payload: z.object({ organisationId: z.string().uuid(), note: z.string() }).strict(),
  retry: { limit: 4, delaySeconds: 30, backoff: true },
  timeoutSeconds: 120,
  unique: "none",
  userEnqueue: { minimumRole: "member" },
});
const perKeyJob = defineJobType({ ...memberJob, name: "test.user-job-per-key", unique: "perKey" });
const adminJob = defineJobType({ ...memberJob, name: "test.user-job-admin", userEnqueue: { minimumRole: "admin" } });
const serviceOnlyJob = defineJobType({ ...memberJob, name: "test.service-only-job", userEnqueue: undefined });
const testJobs = [memberJob, perKeyJob, adminJob, serviceOnlyJob];

let clinicA: Awaited<ReturnType<ReturnType<typeof createFactories>["createClinic"]>>;
let clinicB: typeof clinicA;

beforeAll(async () => {
  runner = await startJobRunner({ work: false, database: test.db(), databaseUrl: test.db().url });
  for (const job of testJobs) {
    await runner.boss.createQueue(job.name, {
      retryLimit: job.retry.limit,
      retryDelay: job.retry.delaySeconds,
      retryBackoff: job.retry.backoff,
      expireInSeconds: job.timeoutSeconds,
    });
  }
  await syncUserJobTypes(runner.boss, [...jobTypeList(), ...testJobs]);
  const f = createFactories(test.db().db);
  clinicA = await f.createClinic();
  clinicB = await f.createClinic();
});
afterAll(async () => {
  await stopJobRunner({ timeoutMs: 1_000 });
});

interface JobRow {
  id: string;
  name: string;
  data: Record<string, unknown>;
  singleton_key: string | null;
  start_after: string;
  row: Record<string, unknown>;
}
async function jobsNamed(name: string): Promise<JobRow[]> {
  const { rows } = await test.db().db.execute(sql`
    select id, name, data, singleton_key, start_after,
           to_jsonb(j) - 'id' - 'data' - 'created_on' - 'start_after' - 'keep_until' - 'singleton_key' - 'trace_context' as row
    from pgboss.job j where name = ${name} order by created_on, id`);
  return rows as unknown as JobRow[];
}
const as = (user: { id: string }, organisation: { id: string }) => ({ userId: user.id, organisationId: organisation.id });

describe("enqueue from a user transaction", () => {
  it("commits the job with the change, for the acting organisation", async () => {
    const id = await asUser(as(clinicA.admin, clinicA.organisation), async (tx) => {
      await tx
        .insert(intents)
        .values({ organisationId: clinicA.organisation.id, name: "Committed intent", examplePhrases: ["x"], responseEn: "y" });
      return enqueueJob(tx, memberJob, { organisationId: clinicA.organisation.id, note: "commit" });
    });
    expect(id).toEqual(expect.any(String));
    const [job] = (await jobsNamed(memberJob.name)).filter((j) => j.id === id);
    expect(job?.data).toEqual({ organisationId: clinicA.organisation.id, note: "commit" });
    const saved = await test.db().db.select().from(intents).where(eq(intents.name, "Committed intent"));
    expect(saved).toHaveLength(1);
  });

  it("rolls the job back with the change", async () => {
    const before = await jobsNamed(memberJob.name);
    await expect(
      asUser(as(clinicA.member, clinicA.organisation), async (tx) => {
        await enqueueJob(tx, memberJob, { organisationId: clinicA.organisation.id, note: "rollback" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await jobsNamed(memberJob.name)).toEqual(before);
  });

  it("writes the row pg-boss's own send writes (the queue's retries, timeout, retention, policy)", async () => {
    const fromUser = await asUser(as(clinicA.member, clinicA.organisation), (tx) =>
      enqueueJob(tx, memberJob, { organisationId: clinicA.organisation.id, note: "compare" }),
    );
    const fromService = await asService((tx) => enqueueJob(tx, memberJob, { organisationId: clinicA.organisation.id, note: "compare" }));
    const rows = (await jobsNamed(memberJob.name)).filter((j) => j.id === fromUser || j.id === fromService);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.row).toEqual(rows[1]!.row);
    expect(rows[0]!.row).toMatchObject({ retry_limit: 4, retry_delay: 30, retry_backoff: true, expire_seconds: 120, state: "created" });
  });

  it("keeps one job per key, the key scoped to the organisation, with the id the service path derives", async () => {
    const enqueueFor = (clinic: typeof clinicA) =>
      asUser(as(clinic.member, clinic.organisation), (tx) =>
        enqueueJob(tx, perKeyJob, { organisationId: clinic.organisation.id, note: "keyed" }, { key: "appointment-1" }),
      );
    const first = await enqueueFor(clinicA);
    expect(first).toBe(jobIdForKey(perKeyJob.name, `${clinicA.organisation.id}:appointment-1`));
    expect(await enqueueFor(clinicA)).toBeNull();
    const other = await enqueueFor(clinicB);
    expect(other).toBe(jobIdForKey(perKeyJob.name, `${clinicB.organisation.id}:appointment-1`));
    const keys = (await jobsNamed(perKeyJob.name)).map((j) => j.singleton_key).sort();
    expect(keys).toEqual([`${clinicA.organisation.id}:appointment-1`, `${clinicB.organisation.id}:appointment-1`].sort());
  });

  it("starts no earlier than startAfter", async () => {
    const startAfter = new Date("2027-03-01T08:30:00.000Z");
    const id = await asUser(as(clinicA.member, clinicA.organisation), (tx) =>
      enqueueJob(tx, memberJob, { organisationId: clinicA.organisation.id, note: "later" }, { startAfter }),
    );
    const [job] = (await jobsNamed(memberJob.name)).filter((j) => j.id === id);
    expect(new Date(job!.start_after).toISOString()).toBe(startAfter.toISOString());
  });
});

describe("what a user transaction cannot enqueue", () => {
  /** Calls the database function directly, as SQL that got into a user transaction could. */
  const callDirectly = (clinic: typeof clinicA, user: { id: string }, statement: ReturnType<typeof sql>) =>
    asUser(as(user, clinic.organisation), (tx) => tx.execute(statement));

  it("refuses a type not registered for users, in the code and in the database", async () => {
    await expect(
      asUser(as(clinicA.owner, clinicA.organisation), (tx) =>
        enqueueJob(tx, serviceOnlyJob, { organisationId: clinicA.organisation.id, note: "x" }),
      ),
    ).rejects.toThrow(/not enqueued from a user transaction/);
    for (const name of [serviceOnlyJob.name, "calendar.outbox-pass", "calendar.nightly-cleanup", "no.such-job"]) {
      const error = await callDirectly(clinicA, clinicA.owner, sql`select private.enqueue_job(${name}, '{}'::jsonb)`).catch((e) => e);
      expect(pgErrorCode(error), name).toBe("42501");
    }
    expect(await jobsNamed(serviceOnlyJob.name)).toEqual([]);
  });

  it("sets the organisation to the acting one whatever the payload names", async () => {
    await expect(
      asUser(as(clinicA.member, clinicA.organisation), (tx) =>
        enqueueJob(tx, memberJob, { organisationId: clinicB.organisation.id, note: "forged" }),
      ),
    ).rejects.toThrow(/another organisation/);
    const payload = JSON.stringify({ organisationId: clinicB.organisation.id, note: "forged in SQL" });
    const { rows } = await callDirectly(
      clinicA,
      clinicA.member,
      sql`select private.enqueue_job(${memberJob.name}, ${payload}::jsonb) as id`,
    );
    const [job] = (await jobsNamed(memberJob.name)).filter((j) => j.id === rows[0]!.id);
    expect(job?.data).toEqual({ organisationId: clinicA.organisation.id, note: "forged in SQL" });
    expect((await jobsNamed(memberJob.name)).some((j) => j.data.organisationId === clinicB.organisation.id)).toBe(false);
  });

  it("refuses when the acting organisation is forged with set_config", async () => {
    const forged = sql`select set_config('clinicall.acting_organisation_id', ${clinicB.organisation.id}, true),
                              set_config('clinicall.acting_role', 'owner', true)`;
    const error = await asUser(as(clinicA.owner, clinicA.organisation), async (tx) => {
      await tx.execute(forged);
      return tx.execute(sql`select private.enqueue_job(${memberJob.name}, '{"note": "x"}'::jsonb)`);
    }).catch((e) => e);
    expect(pgErrorCode(error)).toBe("42501");
  });

  it("refuses a member a type that needs an admin", async () => {
    const error = await asUser(as(clinicA.member, clinicA.organisation), (tx) =>
      enqueueJob(tx, adminJob, { organisationId: clinicA.organisation.id, note: "x" }),
    ).catch((e) => e);
    expect(pgErrorCode(error)).toBe("42501");
    const id = await asUser(as(clinicA.admin, clinicA.organisation), (tx) =>
      enqueueJob(tx, adminJob, { organisationId: clinicA.organisation.id, note: "x" }),
    );
    expect(id).toEqual(expect.any(String));
  });

  it("refuses a payload that is not an object, over 16 KB, or a start beyond 400 days", async () => {
    const cases = [
      sql`select private.enqueue_job(${memberJob.name}, '[1]'::jsonb)`,
      sql`select private.enqueue_job(${memberJob.name}, ${JSON.stringify({ note: "x".repeat(17_000) })}::jsonb)`,
      sql`select private.enqueue_job(${memberJob.name}, '{}'::jsonb, null, now() + interval '500 days')`,
      sql`select private.enqueue_job(${memberJob.name}, '{}'::jsonb, ${"k".repeat(201)})`,
    ];
    for (const statement of cases)
      expect(pgErrorCode(await callDirectly(clinicA, clinicA.member, statement).catch((e) => e))).toBe("22023");
  });

  it("gives authenticated no read or write on pg-boss's tables or the list of types", async () => {
    const attempts = [
      sql`select * from pgboss.job limit 1`,
      sql`insert into pgboss.job (name, data) values (${memberJob.name}, '{}')`,
      sql`select * from private.user_job_types`,
      sql`update private.user_job_types set minimum_role = 'member'`,
      sql`insert into private.user_job_types (name, minimum_role, one_per_key, insert_sql) values ('x', 'member', false, 'select 1')`,
    ];
    for (const statement of attempts) {
      expect(pgErrorCode(await callDirectly(clinicA, clinicA.owner, statement).catch((e) => e)), String(statement.queryChunks)).toBe(
        "42501",
      );
    }
  });

  it("is not executable by anon", async () => {
    const error = await test
      .db()
      .db.transaction(async (tx) => {
        await tx.execute(sql`set local role anon`);
        await tx.execute(sql`select private.enqueue_job(${memberJob.name}, '{}'::jsonb)`);
      })
      .catch((e) => e);
    expect(pgErrorCode(error)).toBe("42501");
  });
});
