import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The secrets demo mode shares between the app and its provider emulators: the Twilio auth token
 * its webhooks are signed with, the Vapi API key and the Vapi webhook secret. Random per data
 * directory, generated on first use into DATA_DIR/demo-secrets.json (mode 0600) like the
 * encryption key, so no two installations share them and none is in the source. The app
 * (scripts/start.ts) and `npm run simulate:call` read the same file.
 */
export interface DemoSecrets {
  twilioAuthToken: string;
  vapiApiKey: string;
  vapiWebhookSecret: string;
}

const FILE = "demo-secrets.json";

function isDemoSecrets(value: unknown): value is DemoSecrets {
  const v = value as Partial<Record<keyof DemoSecrets, unknown>>;
  return [v?.twilioAuthToken, v?.vapiApiKey, v?.vapiWebhookSecret].every((s) => typeof s === "string" && s.length >= 32);
}

export function loadDemoSecrets(dataDir: string): DemoSecrets {
  const file = path.join(/*turbopackIgnore: true*/ dataDir, FILE);
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (!isDemoSecrets(parsed)) throw new Error(`${file} is not a demo secrets file; delete it to generate a new one`);
    return parsed;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: DemoSecrets = {
    twilioAuthToken: randomBytes(24).toString("hex"),
    vapiApiKey: randomBytes(24).toString("hex"),
    vapiWebhookSecret: randomBytes(24).toString("hex"),
  };
  try {
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return loadDemoSecrets(dataDir);
    throw error;
  }
  return secrets;
}
