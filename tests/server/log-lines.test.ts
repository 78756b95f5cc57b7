import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/config/env";
import { prettyLogLine } from "@/shared/log-lines";

describe("readable log lines", () => {
  it("writes time, level, message and the fields a person follows", () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.UTC(2026, 11, 7, 10, 4, 31, 118),
      msg: "Twilio webhook refused: signature missing or wrong",
      path: "/api/webhooks/twilio",
      requestId: "7f3a",
      detail: { configured: true },
      note: "two words",
    });
    expect(prettyLogLine(`${line}\n`)).toBe(
      '10:04:31.118 WARN  Twilio webhook refused: signature missing or wrong  path=/api/webhooks/twilio requestId=7f3a detail={"configured":true} note="two words"\n',
    );
  });

  it("keeps a line that is not a JSON object as it is, and cuts long values", () => {
    expect(prettyLogLine("plain text")).toBe("plain text\n");
    expect(prettyLogLine("[1,2]\n")).toBe("[1,2]\n");
    const long = prettyLogLine(JSON.stringify({ level: 30, time: 0, msg: "m", big: "x".repeat(1000) }));
    expect(long.length).toBeLessThan(260);
    expect(long).toMatch(/^00:00:00\.000 INFO {2}m {2}big=x+…\n$/);
  });

  it("LOG_FORMAT: pretty outside production, JSON in it, or as set", () => {
    const format = (env: Record<string, string>) => {
      const result = parseEnv(env);
      return result.ok ? result.config.logFormat : result;
    };
    expect(format({})).toBe("pretty");
    expect(format({ NODE_ENV: "production", DEMO: "1", ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") })).toBe("json");
    expect(format({ LOG_FORMAT: "json" })).toBe("json");
    expect(parseEnv({ LOG_FORMAT: "xml" }).ok).toBe(false);
  });
});
