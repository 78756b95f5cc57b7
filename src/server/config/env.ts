import { z } from "zod";

/**
 * The environment Clinicall reads, validated once at start. Every variable is documented in
 * `.env.example`; later capabilities add theirs here.
 */
const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const httpOrigin = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL such as https://clinic.example.com" })
  .transform((value) => value.replace(/\/+$/, ""));

const postgresUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  },
  { message: "must be a postgres:// or postgresql:// connection string with a host" },
);

const encryptionKey = z.string().refine((value) => Buffer.from(value, "base64").length === 32, {
  message: "must be 32 bytes encoded as base64 (generate one with: openssl rand -base64 32)",
});

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ message: "must be a port number between 1 and 65535" })
    .int({ message: "must be a port number between 1 and 65535" })
    .min(1, { message: "must be a port number between 1 and 65535" })
    .max(65535, { message: "must be a port number between 1 and 65535" })
    .default(3000),
  DATABASE_URL: z.preprocess(blankAsUndefined, postgresUrl.optional()),
  DATA_DIR: z.preprocess(blankAsUndefined, z.string().default(".data")),
  PUBLIC_BASE_URL: z.preprocess(blankAsUndefined, httpOrigin.optional()),
  NEXT_PUBLIC_APP_URL: z.preprocess(blankAsUndefined, httpOrigin.optional()),
  ENCRYPTION_KEY: z.preprocess(blankAsUndefined, encryptionKey.optional()),
  LOG_LEVEL: z.preprocess(blankAsUndefined, z.enum(logLevels).default("info")),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  nodeEnv: Env["NODE_ENV"];
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  publicBaseUrl: string;
  /** Base64 of 32 bytes; absent only until resolveEncryptionKey() has run. */
  encryptionKey: string | undefined;
  logLevel: Env["LOG_LEVEL"];
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: ConfigProblem[] };

/** Validates the whole environment and reports every bad variable, not just the first. */
export function parseEnv(source: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "environment"),
      message: issue.message,
    }));
    return { ok: false, problems };
  }
  const env = parsed.data;
  const problems: ConfigProblem[] = [];
  if (env.NODE_ENV === "production" && !env.ENCRYPTION_KEY) {
    problems.push({ variable: "ENCRYPTION_KEY", message: "is required when NODE_ENV=production" });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      nodeEnv: env.NODE_ENV,
      port: env.PORT,
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      publicBaseUrl: env.PUBLIC_BASE_URL ?? env.NEXT_PUBLIC_APP_URL ?? `http://localhost:${env.PORT}`,
      encryptionKey: env.ENCRYPTION_KEY,
      logLevel: env.LOG_LEVEL,
    },
  };
}

export function formatConfigProblems(problems: ConfigProblem[]): string {
  const lines = problems.map((p) => `  ${p.variable}: ${p.message}`);
  return `Clinicall cannot start: the environment has ${problems.length} problem(s):\n${lines.join("\n")}\nSee .env.example for every variable.`;
}
