// npm start: validate the environment, migrate, build when there is no build or it is older than
// the code (build-fingerprint.ts), then serve.
// In demo mode it also starts the provider emulators and the demo control endpoint (test calls)
// in this process, seeds a demo clinic and connects its calendar to the Google emulator: none of
// that is in the app's own code.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Db } from "../src/server/db/access";
import { acquireDataDirLock, INHERITED_LOCK_ENV } from "../src/server/db/data-dir-lock";
import { prepareDatabase } from "../src/server/db/prepare";
import { connectDemoCalendar } from "../src/server/demo/connect-demo-calendar";
import { type DemoControl, startDemoControlServer } from "../src/server/demo/demo-control-server";
import { DEMO_ACCOUNT } from "../src/server/demo/demo-credentials";
import { loadDemoSecrets } from "../src/server/demo/demo-secrets";
import { writeDemoServerAddress } from "../src/server/demo/demo-server-address";
import { seedDemoClinic } from "../src/server/demo/seed-demo-clinic";
import { type DemoServices, startDemoServices } from "../src/server/demo/start-demo-services";
import { buildState, sourceFingerprint } from "./build-fingerprint";
import { describeDatabase, fail, loadConfigOrExit } from "./cli";
import { type NextBuild, startNextBuild } from "./next-build";

const dev = process.argv.includes("--dev");
const config = loadConfigOrExit();
const serveScript = fileURLToPath(new URL("./serve.mjs", import.meta.url));

// Hold the embedded database's lock for as long as the server runs: a second start on the same
// DATA_DIR is refused here, before it can touch the files.
let release = () => {};
// Where this machine reaches the server (HOST may be 0.0.0.0 or ::, never a destination).
const localHost = ["0.0.0.0", "::", "127.0.0.1", "localhost"].includes(config.host) ? "127.0.0.1" : config.host;
const localAppUrl = `http://${localHost.includes(":") ? `[${localHost}]` : localHost}:${config.port}`;
let demo: DemoServices | undefined;
let demoControl: DemoControl | undefined;
let build: NextBuild | undefined;
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ENCRYPTION_KEY: config.encryptionKey,
  HOST: config.host,
  PORT: String(config.port),
  // The resolved public origin: serve.mjs sends HSTS when it is https.
  PUBLIC_BASE_URL: config.publicBaseUrl,
  // Readable log lines outside production, JSON lines in it (Next sets NODE_ENV=production in the server).
  LOG_FORMAT: config.logFormat,
};
process.env.LOG_FORMAT = config.logFormat;
try {
  if (!config.databaseUrl) {
    release = acquireDataDirLock(config.dataDir);
    childEnv[INHERITED_LOCK_ENV] = String(process.pid);
  }
  if (config.demo) {
    const secrets = loadDemoSecrets(config.dataDir);
    demo = await startDemoServices(secrets, { appUrl: `http://127.0.0.1:${config.port}` });
    demoControl = await startDemoControlServer({
      appUrl: localAppUrl,
      publicBaseUrl: config.publicBaseUrl,
      twilioAuthToken: secrets.twilioAuthToken,
      twilio: { url: demo.twilio.url, accountSid: demo.twilio.accountSid },
      mail: demo.mail,
    });
    Object.assign(childEnv, demo.env, { DEMO_CONTROL_URL: demoControl.url, DEMO_CONTROL_TOKEN: demoControl.token });
    // npm run simulate:call reads where this server listens and what its signatures cover.
    writeDemoServerAddress(config.dataDir, {
      appUrl: localAppUrl,
      publicBaseUrl: config.publicBaseUrl,
      twilio: { url: demo.twilio.url, accountSid: demo.twilio.accountSid },
    });
    // This process connects the demo calendar too: its configuration names the emulators.
    Object.assign(process.env, demo.env, { ENCRYPTION_KEY: config.encryptionKey });
  }
  // A start without a current build builds while the database migrates: the build does not need
  // the database, and the two share a 2-core machine better than they take turns on it.
  if (!dev) build = buildIfNeeded();
  const result = await prepareDatabase(config, {
    onApplied: (m) => process.stdout.write(`applied ${m.file}\n`),
    seed: config.demo ? seedDemo : undefined,
  });
  process.stdout.write(`Database: ${describeDatabase(config)}, schema ${result.schemaVersion}\n`);
} catch (error) {
  build?.child.kill("SIGTERM");
  release();
  await closeDemo();
  fail(error);
}

/** Starts `next build` (the first start's kind, decision 014) unless .next holds a build of the code as it is. */
function buildIfNeeded(): NextBuild | undefined {
  const root = process.cwd();
  const fingerprint = sourceFingerprint(root);
  const state = buildState(root, fingerprint);
  if (state === "current") return undefined;
  process.stdout.write(
    state === "missing"
      ? "No build found: building the app once, while the database is prepared...\n"
      : "The build is older than the code (sources changed since it was made): building the app again, while the database is prepared...\n",
  );
  return startNextBuild(root, { firstStart: true, fingerprint });
}

/** The demo clinic, then its calendar; a calendar that cannot connect leaves the clinic seeded. */
async function seedDemo(tx: Db): Promise<void> {
  await seedDemoClinic(tx);
  try {
    if ((await tx.transaction((savepoint) => connectDemoCalendar(savepoint as unknown as Db))) === "connected") {
      process.stdout.write("Demo: the demo clinic's calendar is connected to the Google emulator.\n");
    }
  } catch (error) {
    process.stderr.write(`Demo: the demo clinic's calendar could not be connected: ${(error as Error).message}\n`);
  }
}

async function closeDemo(): Promise<void> {
  await Promise.all([demo?.close(), demoControl?.close()]);
}

if (build) {
  const status = await build.done;
  if (status !== 0) {
    release();
    await closeDemo();
    process.stderr.write("Clinicall cannot start: next build failed (see above).\n");
    process.exit(status);
  }
  process.stdout.write(`Built in ${Math.round((Date.now() - build.started) / 1000)} s.\n`);
}

// scripts/serve.mjs: Next.js behind node:http, which tells the app each connection's address.
const server = spawn(process.execPath, [serveScript, ...(dev ? ["--dev"] : [])], { stdio: "inherit", env: childEnv });
process.stdout.write(`Clinicall is starting at ${config.publicBaseUrl} (listening on ${config.host}:${config.port})\n`);
if (demo) {
  process.stdout.write(
    [
      "",
      config.nodeEnv === "production"
        ? "DEMO MODE, forced by DEMO=1 although NODE_ENV=production: providers are emulated; no real call can arrive."
        : "DEMO MODE: no provider keys are set, so Twilio, Vapi, Google Calendar and Stripe are emulated on this machine.",
      `  Sign in at ${config.publicBaseUrl}/login as ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}`,
      `  Place a test call from the dashboard, or from another terminal:`,
      `    npm run simulate:call -- --url ${localAppUrl} --to ${DEMO_ACCOUNT.phoneNumber} --say "Can I book a check-up tomorrow at 10?" --say "Jane Doe"`,
      `  A caller who asks for a person (staff phones: answer, decline or no-answer; or --after-hours):`,
      `    npm run simulate:call -- --url ${localAppUrl} --staff answer`,
      process.env.SMTP_URL
        ? "  Emails go to SMTP_URL."
        : "  Emails the app sends (password resets, invitations) land in the dashboard's Demo inbox.",
      "  Set TWILIO_AUTH_TOKEN and VAPI_API_KEY (see .env.example) to take real calls.",
      "",
    ].join("\n"),
  );
}
// The server finishes in-flight requests within 10 s, then running jobs within 10 s more
// (graceful-shutdown.ts); one that is still running 25 s after the signal is killed.
const STOP_DEADLINE_MS = 25_000;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.kill(signal);
    setTimeout(() => server.kill("SIGKILL"), STOP_DEADLINE_MS).unref();
  });
}
server.on("exit", (code, signal) => {
  release();
  void closeDemo();
  process.exit(code ?? (signal ? 1 : 0));
});
