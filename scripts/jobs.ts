// npm run jobs -- list | retry [--type T] [--id ID] | purge [--type T] [--id ID]
// What the job runner holds: counts per type and state, the last error of each type, the dead
// jobs (retries exhausted); retry puts dead jobs back in the queue, purge deletes them.
import { parseArgs } from "node:util";
import { closeDatabase, getDatabase } from "../src/server/db/database";
import { lastErrorByType, listDeadJobs, purgeDeadJobs, retryDeadJobs } from "../src/server/jobs/dead-jobs";
import { JOB_STATES, jobCounts } from "../src/server/jobs/job-counts";
import { startJobRunner, stopJobRunner } from "../src/server/jobs/job-runner";
import { jobRegistry } from "../src/server/jobs/registry";
import { fail, loadConfigOrExit } from "./cli";

const USAGE = "usage: npm run jobs -- list | retry [--type TYPE] [--id JOB_ID] | purge [--type TYPE] [--id JOB_ID]";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { type: { type: "string" }, id: { type: "string" } },
});
const command = positionals[0];
if (!command || !["list", "retry", "purge"].includes(command)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
if (values.type && !(values.type in jobRegistry)) {
  process.stderr.write(`Unknown job type ${values.type}. Types: ${Object.keys(jobRegistry).join(", ")}\n`);
  process.exit(2);
}

const config = loadConfigOrExit();
let code = 0;
try {
  const database = await getDatabase();
  const { boss } = await startJobRunner({ work: false, database, databaseUrl: config.databaseUrl });
  if (command === "list") {
    const counts = await jobCounts(boss);
    const lastErrors = await lastErrorByType(boss);
    const width = Math.max(...Object.keys(jobRegistry).map((t) => t.length), 4);
    process.stdout.write(`${"type".padEnd(width)}  ${JOB_STATES.map((s) => s.padStart(9)).join(" ")}\n`);
    for (const type of Object.keys(jobRegistry)) {
      const row = JOB_STATES.map((state) => String(counts.find((c) => c.type === type && c.state === state)?.count ?? 0).padStart(9));
      process.stdout.write(`${type.padEnd(width)}  ${row.join(" ")}\n`);
    }
    for (const [type, job] of lastErrors) {
      process.stdout.write(`last error of ${type} (${job.failedAt?.toISOString() ?? "?"}): ${job.error}\n`);
    }
    const dead = await listDeadJobs(boss, { type: values.type, limit: 20 });
    if (dead.length > 0) process.stdout.write(`dead jobs (newest ${dead.length}):\n`);
    for (const job of dead) process.stdout.write(`  ${job.id}  ${job.type}  retries ${job.retries}  ${job.error}\n`);
  } else if (command === "retry") {
    process.stdout.write(`retried ${await retryDeadJobs(boss, { type: values.type, id: values.id })} dead job(s)\n`);
  } else {
    process.stdout.write(`purged ${await purgeDeadJobs(boss, { type: values.type, id: values.id })} dead job(s)\n`);
  }
} catch (error) {
  code = 1;
  fail(error);
} finally {
  await stopJobRunner({ timeoutMs: 1_000 });
  await closeDatabase();
}
process.exit(code);
