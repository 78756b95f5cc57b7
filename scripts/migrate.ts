// npm run db:migrate: brings the configured database's schema up to date, then exits.
import { prepareDatabase } from "../src/server/db/prepare";
import { describeDatabase, fail, loadConfigOrExit } from "./cli";

const config = loadConfigOrExit();
try {
  const result = await prepareDatabase(config, { onApplied: (m) => process.stdout.write(`applied ${m.file}\n`) });
  process.stdout.write(`${describeDatabase(config)} is at ${result.schemaVersion} (${result.applied.length} migration(s) applied now)\n`);
} catch (error) {
  fail(error);
}
