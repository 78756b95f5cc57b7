import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Where the running demo server listens and which origin its Twilio signatures are checked
 * against: `npm start` writes DATA_DIR/demo-server.json, `npm run simulate:call` reads it, so a
 * simulated call reaches the port actually used and is signed for the URL the server checks.
 */
export interface DemoServerAddress {
  /** Where requests go, e.g. http://127.0.0.1:3000. */
  appUrl: string;
  /** PUBLIC_BASE_URL: what the webhook signature covers. */
  publicBaseUrl: string;
  /** The demo's Twilio REST emulator, so a simulated call can follow the server's live updates (transfers). */
  twilio?: { url: string; accountSid: string };
}

const FILE = "demo-server.json";

export function writeDemoServerAddress(dataDir: string, address: DemoServerAddress): void {
  writeFileSync(path.join(/*turbopackIgnore: true*/ dataDir, FILE), `${JSON.stringify(address, null, 2)}\n`);
}

export function readDemoServerAddress(dataDir: string): DemoServerAddress | null {
  const file = path.join(/*turbopackIgnore: true*/ dataDir, FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<DemoServerAddress>;
    if (typeof parsed.appUrl !== "string" || typeof parsed.publicBaseUrl !== "string") return null;
    const twilio =
      typeof parsed.twilio?.url === "string" && typeof parsed.twilio.accountSid === "string"
        ? { url: parsed.twilio.url, accountSid: parsed.twilio.accountSid }
        : undefined;
    return { appUrl: parsed.appUrl, publicBaseUrl: parsed.publicBaseUrl, ...(twilio && { twilio }) };
  } catch {
    return null;
  }
}
