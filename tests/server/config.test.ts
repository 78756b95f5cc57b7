import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveEncryptionKey } from "@/server/config/encryption-key";
import { type AppConfig, formatConfigProblems, parseEnv } from "@/server/config/env";

describe("the environment schema", () => {
  it("applies the documented defaults", () => {
    const result = parseEnv({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: ".data",
      publicBaseUrl: "http://localhost:3000",
      logLevel: "info",
      demo: true,
      vapi: { apiUrl: "https://api.vapi.ai", callTimeoutMs: 5000 },
    });
  });

  it("falls back from PUBLIC_BASE_URL to NEXT_PUBLIC_APP_URL, then to localhost:PORT", () => {
    const pick = (env: Record<string, string>) => (parseEnv(env) as { ok: true; config: { publicBaseUrl: string } }).config.publicBaseUrl;
    expect(pick({ PUBLIC_BASE_URL: "https://a.example/", NEXT_PUBLIC_APP_URL: "https://b.example" })).toBe("https://a.example");
    expect(pick({ NEXT_PUBLIC_APP_URL: "https://b.example" })).toBe("https://b.example");
    expect(pick({ PORT: "4100" })).toBe("http://localhost:4100");
  });

  it("reports every bad variable at once, each with a readable message", () => {
    const result = parseEnv({
      PORT: "eighty",
      DATABASE_URL: "mysql://nope",
      PUBLIC_BASE_URL: "ftp://x",
      ENCRYPTION_KEY: "short",
      LOG_LEVEL: "loud",
      DEMO: "maybe",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.variable).sort()).toEqual(
      ["DATABASE_URL", "DEMO", "ENCRYPTION_KEY", "LOG_LEVEL", "PORT", "PUBLIC_BASE_URL"].sort(),
    );
    const text = formatConfigProblems(result.problems);
    expect(text).toContain("PORT: must be a port number between 1 and 65535");
    expect(text).toContain("ENCRYPTION_KEY: must be 32 bytes encoded as base64");
    expect(text).toContain(".env.example");
  });

  it("requires ENCRYPTION_KEY in production, and the whole telephony set once calls are configured", () => {
    const production = parseEnv({ NODE_ENV: "production" });
    expect(production.ok).toBe(false);
    const halfCalls = parseEnv({ TWILIO_AUTH_TOKEN: "t" });
    expect(halfCalls.ok).toBe(false);
    if (!halfCalls.ok) expect(halfCalls.problems.map((p) => p.variable).sort()).toEqual(["VAPI_API_KEY", "VAPI_WEBHOOK_SECRET"]);
  });

  it("reads TWILIO_ACCOUNT_SID and TWILIO_API_URL, refusing a malformed sid or URL", () => {
    expect(parseEnv({})).toMatchObject({ ok: true, config: { twilio: { accountSid: undefined, apiUrl: "https://api.twilio.com" } } });
    const sid = `AC${"ab".repeat(16)}`;
    expect(parseEnv({ TWILIO_ACCOUNT_SID: ` ${sid} `, TWILIO_API_URL: "http://127.0.0.1:4020/" })).toMatchObject({
      ok: true,
      config: { twilio: { accountSid: sid, apiUrl: "http://127.0.0.1:4020" } },
    });
    for (const bad of [{ TWILIO_ACCOUNT_SID: "AC123" }, { TWILIO_ACCOUNT_SID: `SK${"ab".repeat(16)}` }, { TWILIO_API_URL: "ftp://x" }]) {
      const result = parseEnv(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((p) => p.variable)).toEqual(Object.keys(bad));
    }
  });

  it("sizes the three database pools separately, and requires the app login with DATABASE_URL in production", () => {
    const config = (env: Record<string, string>) => parseEnv(env);
    expect(config({})).toMatchObject({
      ok: true,
      config: { databaseAppUrl: undefined, databasePoolSize: 10, databaseServicePoolSize: 10, databaseAuthPoolSize: 5 },
    });
    expect(
      config({
        DATABASE_URL: "postgres://owner@db.example/clinicall",
        DATABASE_APP_URL: "postgres://clinicall_app:pw@db.example/clinicall",
        DATABASE_POOL_SIZE: "4",
        DATABASE_SERVICE_POOL_SIZE: "6",
        DATABASE_AUTH_POOL_SIZE: "3",
      }),
    ).toMatchObject({
      ok: true,
      config: {
        databaseAppUrl: "postgres://clinicall_app:pw@db.example/clinicall",
        databasePoolSize: 4,
        databaseServicePoolSize: 6,
        databaseAuthPoolSize: 3,
      },
    });
    const problems = (env: Record<string, string>) => {
      const result = parseEnv(env);
      return result.ok ? [] : result.problems.map((p) => p.variable);
    };
    expect(problems({ DATABASE_POOL_SIZE: "0", DATABASE_SERVICE_POOL_SIZE: "many", DATABASE_AUTH_POOL_SIZE: "-1" })).toEqual([
      "DATABASE_POOL_SIZE",
      "DATABASE_SERVICE_POOL_SIZE",
      "DATABASE_AUTH_POOL_SIZE",
    ]);
    expect(problems({ DATABASE_APP_URL: "postgres://clinicall_app@db.example/clinicall" })).toEqual(["DATABASE_APP_URL"]);
    expect(problems({ DATABASE_APP_URL: "http://db.example", DATABASE_URL: "postgres://owner@db.example/c" })).toEqual([
      "DATABASE_APP_URL",
    ]);
    const production = {
      NODE_ENV: "production",
      ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"),
      DATABASE_URL: "postgres://owner@db.example/c",
    };
    expect(problems(production)).toEqual(["DATABASE_APP_URL"]);
    expect(problems({ ...production, DATABASE_APP_URL: "postgres://clinicall_app@db.example/c" })).toEqual([]);
  });

  it("decides demo mode as documented", () => {
    const demo = (env: Record<string, string>) => (parseEnv(env) as { ok: true; config: { demo: boolean } }).config.demo;
    expect(demo({})).toBe(true);
    expect(demo({ DEMO: "0" })).toBe(false);
    expect(demo({ DEMO: "1", TWILIO_AUTH_TOKEN: "t", VAPI_API_KEY: "k", VAPI_WEBHOOK_SECRET: "s".repeat(16) })).toBe(true);
    expect(demo({ TWILIO_AUTH_TOKEN: "t", VAPI_API_KEY: "k", VAPI_WEBHOOK_SECRET: "s".repeat(16) })).toBe(false);
    const key = Buffer.alloc(32, 1).toString("base64");
    expect(demo({ NODE_ENV: "production", ENCRYPTION_KEY: key })).toBe(false);
    expect(demo({ NODE_ENV: "production", ENCRYPTION_KEY: key, DEMO: "1" })).toBe(true);
  });
});

describe("the generated encryption key", () => {
  it("is created once under DATA_DIR outside production and reused after", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "clinicall-key-"));
    const config = { ...(parseEnv({ DATA_DIR: dataDir }) as { ok: true; config: AppConfig }).config };
    const first = resolveEncryptionKey(config);
    expect(Buffer.from(first, "base64")).toHaveLength(32);
    expect(resolveEncryptionKey(config)).toBe(first);
    expect(readFileSync(path.join(dataDir, "encryption.key"), "utf8").trim()).toBe(first);
  });

  it("refuses a damaged key file instead of silently replacing it", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "clinicall-key-"));
    writeFileSync(path.join(dataDir, "encryption.key"), "not a key");
    const config = { ...(parseEnv({ DATA_DIR: dataDir }) as { ok: true; config: AppConfig }).config };
    expect(() => resolveEncryptionKey(config)).toThrow(/does not hold a 32-byte base64 key/);
  });
});

describe("email settings", () => {
  it("are off without SMTP_URL and on with SMTP_URL and EMAIL_FROM", () => {
    const off = parseEnv({});
    expect(off.ok && off.config.email).toBeUndefined();
    const on = parseEnv({ SMTP_URL: "smtps://user:pass@smtp.example.com:465", EMAIL_FROM: "Clinicall <no-reply@clinic.example.com>" });
    expect(on.ok && on.config.email).toEqual({
      smtpUrl: "smtps://user:pass@smtp.example.com:465",
      from: "Clinicall <no-reply@clinic.example.com>",
    });
  });

  it("refuses a URL that is not SMTP, a From that is not an address or carries a line break, and SMTP_URL alone", () => {
    const bad = (env: Record<string, string>) => {
      const result = parseEnv(env);
      return result.ok ? [] : result.problems.map((p) => p.variable);
    };
    expect(bad({ SMTP_URL: "https://smtp.example.com", EMAIL_FROM: "a@b.example" })).toEqual(["SMTP_URL"]);
    expect(bad({ SMTP_URL: "smtp://smtp.example.com", EMAIL_FROM: "not an address" })).toEqual(["EMAIL_FROM"]);
    expect(bad({ SMTP_URL: "smtp://smtp.example.com", EMAIL_FROM: "a@b.example\r\nBcc: x@y.example" })).toEqual(["EMAIL_FROM"]);
    expect(bad({ SMTP_URL: "smtp://smtp.example.com" })).toEqual(["EMAIL_FROM"]);
  });
});
