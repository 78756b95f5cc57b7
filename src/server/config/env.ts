import "server-only";
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { type GoogleConfig, googleConfigFromEnv, googleEnvProblems, googleEnvShape } from "@/providers/google/config";
import { type BillingConfig, billingConfigFromEnv, billingEnvProblems, billingEnvShape } from "@/server/billing/billing-config";
import { type EmailConfig, emailConfigFromEnv, emailEnvProblems, emailEnvShape } from "@/server/email/email-config";
import { type JobsConfig, jobsConfigFromEnv, jobsEnvShape } from "@/server/jobs/jobs-config";
import type { AllowedOrigin } from "@/server/outbound/allowed-origin";
import { recordingOriginsFromEnv, recordingOriginsShape } from "./recording-origins";

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

const poolSize = z.coerce
  .number({ message: "must be a number of connections between 1 and 200" })
  .int({ message: "must be a number of connections between 1 and 200" })
  .min(1, { message: "must be a number of connections between 1 and 200" })
  .max(200, { message: "must be a number of connections between 1 and 200" });

const encryptionKey = z.string().refine((value) => Buffer.from(value, "base64").length === 32, {
  message: "must be 32 bytes encoded as base64 (generate one with: openssl rand -base64 32)",
});

/**
 * TRUSTED_PROXIES: comma-separated addresses or CIDR blocks (10.0.0.0/8, fd00::/8, 203.0.113.7)
 * of the reverse proxies in front of the server. Each is normalised to "address/prefix".
 */
const trustedProxies = z.string().transform((value, ctx) => {
  const blocks: string[] = [];
  for (const entry of value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const length = prefix === undefined ? bits : Number(prefix);
    if (!family || extra !== undefined || !/^\d{1,3}$/.test(prefix ?? String(bits)) || length > bits) {
      ctx.addIssue({
        code: "custom",
        message: `"${entry.slice(0, 60)}" is not an IP address or CIDR block (e.g. 10.0.0.0/8, 203.0.113.7, fd00::/8)`,
      });
      return z.NEVER;
    }
    blocks.push(`${address}/${length}`);
  }
  return blocks;
});

/** HOST: the interface the server listens on; an IP address or a host name. */
const listenHost = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z.:-]{1,253}$/, { message: "must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0" });

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ message: "must be a port number between 1 and 65535" })
    .int({ message: "must be a port number between 1 and 65535" })
    .min(1, { message: "must be a port number between 1 and 65535" })
    .max(65535, { message: "must be a port number between 1 and 65535" })
    .default(3000),
  HOST: z.preprocess(blankAsUndefined, listenHost.optional()),
  TRUSTED_PROXIES: z.preprocess(blankAsUndefined, trustedProxies.default([])),
  DATABASE_URL: z.preprocess(blankAsUndefined, postgresUrl.optional()),
  DATABASE_APP_URL: z.preprocess(blankAsUndefined, postgresUrl.optional()),
  DATABASE_POOL_SIZE: z.preprocess(blankAsUndefined, poolSize.default(10)),
  DATABASE_SERVICE_POOL_SIZE: z.preprocess(blankAsUndefined, poolSize.default(10)),
  DATABASE_AUTH_POOL_SIZE: z.preprocess(blankAsUndefined, poolSize.default(5)),
  // The dashboard's heavy requests (CSV exports, call list, analytics, stats) running at once, and waiting.
  DASHBOARD_HEAVY_CONCURRENCY: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ message: "must be a whole number from 1 to 64" })
      .int({ message: "must be a whole number from 1 to 64" })
      .min(1)
      .max(64)
      .optional(),
  ),
  DASHBOARD_HEAVY_QUEUE: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ message: "must be a whole number from 0 to 1000" })
      .int({ message: "must be a whole number from 0 to 1000" })
      .min(0)
      .max(1000)
      .default(16),
  ),
  // The event loop's busy share above which heavy dashboard work waits its turn (1: never waits).
  DASHBOARD_EVENT_LOOP_LIMIT: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ message: "must be a number from 0.1 to 1" })
      .min(0.1, { message: "must be a number from 0.1 to 1" })
      .max(1, { message: "must be a number from 0.1 to 1" })
      .default(0.6),
  ),
  DATA_DIR: z.preprocess(blankAsUndefined, z.string().default(".data")),
  PUBLIC_BASE_URL: z.preprocess(blankAsUndefined, httpOrigin.optional()),
  NEXT_PUBLIC_APP_URL: z.preprocess(blankAsUndefined, httpOrigin.optional()),
  ENCRYPTION_KEY: z.preprocess(blankAsUndefined, encryptionKey.optional()),
  LOG_LEVEL: z.preprocess(blankAsUndefined, z.enum(logLevels).default("info")),
  LOG_FORMAT: z.preprocess(blankAsUndefined, z.enum(["pretty", "json"], { message: "must be pretty or json" }).optional()),
  // Telephony (Twilio → us → Vapi)
  TWILIO_AUTH_TOKEN: z.preprocess(blankAsUndefined, z.string().optional()),
  TWILIO_ACCOUNT_SID: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .trim()
      .regex(/^AC[0-9a-f]{32}$/, { message: "must be AC followed by 32 lower-case hex digits (Twilio console → Account info)" })
      .optional(),
  ),
  TWILIO_API_URL: z.preprocess(blankAsUndefined, httpOrigin.default("https://api.twilio.com")),
  VAPI_API_KEY: z.preprocess(blankAsUndefined, z.string().optional()),
  VAPI_API_URL: z.preprocess(blankAsUndefined, httpOrigin.default("https://api.vapi.ai")),
  VAPI_WEBHOOK_SECRET: z.preprocess(
    blankAsUndefined,
    z.string().min(16, { message: "must be at least 16 characters (openssl rand -hex 24)" }).optional(),
  ),
  VAPI_PHONE_NUMBER_ID: z.preprocess(blankAsUndefined, z.string().optional()),
  VAPI_CALL_TIMEOUT_MS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ message: "must be a number of milliseconds" })
      .int()
      .min(500, { message: "must be at least 500 ms" })
      .max(12_000, { message: "must stay under Twilio's 15 s webhook limit (at most 12000 ms)" })
      .default(5000),
  ),
  METRICS_TOKEN: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .min(24, { message: "must be at least 24 characters (openssl rand -hex 24)" })
      .regex(/^[\x21-\x7E]+$/, { message: "must be printable ASCII without spaces (openssl rand -hex 24)" })
      .optional(),
  ),
  DEMO: z.preprocess(blankAsUndefined, z.enum(["0", "1"], { message: "must be 1 (force demo mode) or 0 (forbid it)" }).optional()),
  // Set by scripts/start.ts in demo mode: its loopback control endpoint, which places test calls.
  DEMO_CONTROL_URL: z.preprocess(blankAsUndefined, z.url({ message: "must be a URL" }).optional()),
  DEMO_CONTROL_TOKEN: z.preprocess(blankAsUndefined, z.string().min(32, { message: "must be at least 32 characters" }).optional()),
  ...googleEnvShape,
  ...recordingOriginsShape,
  ...jobsEnvShape,
  ...billingEnvShape,
  ...emailEnvShape,
});

type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  nodeEnv: Env["NODE_ENV"];
  port: number;
  /** The interface the server listens on: HOST, else 127.0.0.1 in demo mode and 0.0.0.0 otherwise. */
  host: string;
  /** CIDR blocks ("address/prefix") of the proxies whose X-Forwarded-For is believed. */
  trustedProxies: string[];
  databaseUrl: string | undefined;
  /** Postgres only: the login for signed-in requests (can become `authenticated` and nothing else). */
  databaseAppUrl: string | undefined;
  /**
   * Connections for signed-in requests, for webhooks and background work, and for sign-up, log-in
   * and session look-ups: separate budgets.
   */
  databasePoolSize: number;
  databaseServicePoolSize: number;
  databaseAuthPoolSize: number;
  /** CPU budget of the dashboard's heavy requests (src/server/http/dashboard-work.ts); webhooks never wait on it. */
  dashboardHeavy: { concurrency: number; queue: number; eventLoopLimit: number };
  dataDir: string;
  publicBaseUrl: string;
  /** Base64 of 32 bytes; absent only until resolveEncryptionKey() has run. */
  encryptionKey: string | undefined;
  logLevel: Env["LOG_LEVEL"];
  /** LOG_FORMAT, else JSON in production and readable lines elsewhere (npm start hands it to the server). */
  logFormat: "pretty" | "json";
  /** The bearer token GET /metrics requires; undefined: /metrics answers no one. */
  metricsToken: string | undefined;
  /** Demo mode: provider emulators on loopback, a seeded demo clinic, a banner on every page. */
  demo: boolean;
  /** Demo mode's control endpoint (scripts/start.ts runs it next to the emulators), when it runs. */
  demoControl: { url: string; token: string } | undefined;
  twilio: {
    authToken: string | undefined;
    /** With authToken: the REST API (live-call updates, SMS); unset, those features are off. */
    accountSid: string | undefined;
    /** Twilio's REST base (https://api.twilio.com) or the emulator's. */
    apiUrl: string;
  };
  vapi: {
    apiKey: string | undefined;
    apiUrl: string;
    webhookSecret: string | undefined;
    phoneNumberId: string | undefined;
    callTimeoutMs: number;
  };
  /**
   * Where the server may fetch recordings from (the outbound guard): the origins of
   * VAPI_API_URL and of TWILIO_API_URL, plus RECORDING_ORIGINS.
   */
  recordingOrigins: AllowedOrigin[];
  /** Undefined until GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are set (or demo mode sets them). */
  google: GoogleConfig | undefined;
  jobs: JobsConfig;
  /** Stripe billing; `enabled` false without STRIPE_SECRET_KEY (nothing gated). */
  billing: BillingConfig;
  /** Undefined: email is off (no SMTP_URL); flows show their link to the person acting instead. */
  email: EmailConfig | undefined;
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
  if (env.DATABASE_APP_URL && !env.DATABASE_URL) {
    problems.push({ variable: "DATABASE_APP_URL", message: "needs DATABASE_URL (the owner's login, for migrations, webhooks and jobs)" });
  }
  if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.DATABASE_APP_URL) {
    problems.push({
      variable: "DATABASE_APP_URL",
      message:
        "is required with DATABASE_URL when NODE_ENV=production (signed-in requests must not log in as the owner; see README, Database roles)",
    });
  }
  const demo = isDemo(env);
  if (!demo) problems.push(...telephonyProblems(env));
  problems.push(...googleEnvProblems(env));
  problems.push(...billingEnvProblems(env));
  problems.push(...emailEnvProblems(env));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      nodeEnv: env.NODE_ENV,
      port: env.PORT,
      host: env.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0"),
      trustedProxies: env.TRUSTED_PROXIES,
      databaseUrl: env.DATABASE_URL,
      databaseAppUrl: env.DATABASE_APP_URL,
      databasePoolSize: env.DATABASE_POOL_SIZE,
      databaseServicePoolSize: env.DATABASE_SERVICE_POOL_SIZE,
      databaseAuthPoolSize: env.DATABASE_AUTH_POOL_SIZE,
      // Default: one core's worth fewer than the machine has (at least 1, at most 4), so exports always leave a core to calls.
      dashboardHeavy: {
        concurrency: env.DASHBOARD_HEAVY_CONCURRENCY ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
        queue: env.DASHBOARD_HEAVY_QUEUE,
        eventLoopLimit: env.DASHBOARD_EVENT_LOOP_LIMIT,
      },
      dataDir: env.DATA_DIR,
      publicBaseUrl: env.PUBLIC_BASE_URL ?? env.NEXT_PUBLIC_APP_URL ?? `http://localhost:${env.PORT}`,
      encryptionKey: env.ENCRYPTION_KEY,
      logLevel: env.LOG_LEVEL,
      logFormat: env.LOG_FORMAT ?? (env.NODE_ENV === "production" ? "json" : "pretty"),
      metricsToken: env.METRICS_TOKEN,
      demo,
      demoControl:
        demo && env.DEMO_CONTROL_URL && env.DEMO_CONTROL_TOKEN ? { url: env.DEMO_CONTROL_URL, token: env.DEMO_CONTROL_TOKEN } : undefined,
      twilio: { authToken: env.TWILIO_AUTH_TOKEN, accountSid: env.TWILIO_ACCOUNT_SID, apiUrl: env.TWILIO_API_URL },
      vapi: {
        apiKey: env.VAPI_API_KEY,
        apiUrl: env.VAPI_API_URL,
        webhookSecret: env.VAPI_WEBHOOK_SECRET,
        phoneNumberId: env.VAPI_PHONE_NUMBER_ID,
        callTimeoutMs: env.VAPI_CALL_TIMEOUT_MS,
      },
      recordingOrigins: recordingOriginsFromEnv(env, {
        vapiApiUrlExplicit: blankAsUndefined(source.VAPI_API_URL) !== undefined,
        twilioApiUrlExplicit: blankAsUndefined(source.TWILIO_API_URL) !== undefined,
      }),
      google: googleConfigFromEnv(env),
      jobs: jobsConfigFromEnv(env),
      billing: billingConfigFromEnv(env),
      email: emailConfigFromEnv(env),
    },
  };
}

/**
 * DEMO=1 forces demo mode and DEMO=0 forbids it. Otherwise it is on exactly when neither
 * TWILIO_AUTH_TOKEN nor VAPI_API_KEY is set, and never under NODE_ENV=production.
 */
function isDemo(env: Env): boolean {
  if (env.DEMO === "1") return true;
  if (env.DEMO === "0" || env.NODE_ENV === "production") return false;
  return !env.TWILIO_AUTH_TOKEN && !env.VAPI_API_KEY;
}

/** Outside demo mode, the call pipeline needs its credentials as a set. */
function telephonyProblems(env: Env): ConfigProblem[] {
  if (!env.TWILIO_AUTH_TOKEN && !env.VAPI_API_KEY) return []; // calls simply are not configured yet
  const needed: [keyof Env, string][] = [
    ["TWILIO_AUTH_TOKEN", "verifies that incoming calls really come from Twilio"],
    ["VAPI_API_KEY", "hands calls to Vapi"],
    ["VAPI_WEBHOOK_SECRET", "verifies that call reports really come from Vapi"],
  ];
  return needed
    .filter(([name]) => !env[name])
    .map(([name, why]) => ({ variable: name, message: `is required once calls are configured (it ${why})` }));
}

export function formatConfigProblems(problems: ConfigProblem[]): string {
  const lines = problems.map((p) => `  ${p.variable}: ${p.message}`);
  return `Clinicall cannot start: the environment has ${problems.length} problem(s):\n${lines.join("\n")}\nSee .env.example for every variable.`;
}
