import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AppConfig } from "./env";

const KEY_FILE = "encryption.key";

/**
 * Returns ENCRYPTION_KEY, or outside production the key kept under DATA_DIR, generated on the
 * first run. Losing that file makes stored calendar tokens unreadable, so it is never rotated here.
 */
export function resolveEncryptionKey(config: AppConfig): string {
  if (config.encryptionKey) return config.encryptionKey;
  if (config.nodeEnv === "production") {
    throw new Error("ENCRYPTION_KEY is required when NODE_ENV=production");
  }
  const file = path.join(/*turbopackIgnore: true*/ config.dataDir, KEY_FILE);
  if (existsSync(file)) {
    const key = readFileSync(file, "utf8").trim();
    if (Buffer.from(key, "base64").length !== 32) {
      throw new Error(`${file} does not hold a 32-byte base64 key; restore it or delete it to start over`);
    }
    return key;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64");
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  return key;
}
