// npm run worker: runs only jobs (no HTTP), for installs that keep them apart from the app
// processes (which then run with JOBS=off, or keep working jobs too: pg-boss shares the queue).
// Needs DATABASE_URL: the embedded database belongs to one process, where `npm start` runs jobs.
import { prepareDatabase } from "../src/server/db/prepare";
import { startJobRunner } from "../src/server/jobs/job-runner";
import { jobDefinitions } from "../src/server/jobs/registry";
import { shutDownGracefully } from "../src/server/lifecycle/graceful-shutdown";
import { log } from "../src/server/log";
import { describeDatabase, fail, loadConfigOrExit } from "./cli";

const config = loadConfigOrExit();
if (!config.databaseUrl) {
  process.stderr.write("npm run worker needs DATABASE_URL (a Postgres server). With the embedded database, jobs run inside npm start.\n");
  process.exit(1);
}
try {
  await prepareDatabase(config, {});
  await startJobRunner({ work: true, handlers: jobDefinitions(), databaseUrl: config.databaseUrl });
  process.stdout.write(`Clinicall worker: working jobs on ${describeDatabase(config)}\n`);
} catch (error) {
  fail(error);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker stopping: finishing running jobs");
    void shutDownGracefully().then(
      () => process.exit(0),
      (error: Error) => {
        log.error({ err: { message: error.message } }, "worker stop failed");
        process.exit(1);
      },
    );
  });
}
