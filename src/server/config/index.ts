import "server-only";
import { resolveEncryptionKey } from "./encryption-key";
import { type AppConfig, formatConfigProblems, parseEnv } from "./env";

export type { AppConfig } from "./env";

const cache = globalThis as unknown as { __clinicallConfig?: AppConfig };

/** The validated configuration of this process (read once). Throws with every problem listed. */
export function getConfig(): AppConfig {
  if (cache.__clinicallConfig) return cache.__clinicallConfig;
  const result = parseEnv(process.env);
  if (!result.ok) throw new Error(formatConfigProblems(result.problems));
  const config = { ...result.config, encryptionKey: resolveEncryptionKey(result.config) };
  cache.__clinicallConfig = config;
  return config;
}

/** For tests that change the environment between cases. */
export function resetConfigForTests(): void {
  delete cache.__clinicallConfig;
}
