import { afterEach, describe, expect, it, vi } from "vitest";
import { boundLogFields, log, MAX_LOGGED_STRING } from "@/server/log";
import { logLines } from "@/shared/log-lines";

/** Log lines stay short whatever a request carried, and secrets stay redacted (issue 12 §5). */
describe("every log line is bounded", () => {
  const lines: string[] = [];
  const previous = log.level;
  afterEach(() => {
    vi.restoreAllMocks();
    log.level = previous;
    lines.length = 0;
  });
  function capture() {
    vi.spyOn(logLines, "write").mockImplementation((line: string) => {
      lines.push(line);
    });
    log.level = "info";
  }

  it("cuts a 100 KB field, a long array and a wide object, and says how long they were", () => {
    capture();
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, "v".repeat(500)]));
    log.warn({ path: "/x", checkedUrl: `https://a.test/?q=${"9".repeat(100_000)}`, items: Array(1000).fill("abc"), wide }, "refused");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(40_000);
    const entry = JSON.parse(lines[0]!);
    expect(entry.checkedUrl).toMatch(/… \(100018 characters\)$/);
    expect(entry.items).toHaveLength(21);
    expect(entry.items.at(-1)).toBe("… (1000 items)");
    expect(entry.wide["…"]).toBe("500 keys");
    expect(entry.msg).toBe("refused");
  });

  it("still redacts secrets and keeps short fields as they were", () => {
    capture();
    log.info({ password: "hunter2", user: { token: "abc" }, callSid: "CA1", n: 3, when: new Date(0) }, "hello");
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ password: "[redacted]", user: { token: "[redacted]" }, callSid: "CA1", n: 3 });
    expect(entry.when).toBe("1970-01-01T00:00:00.000Z");
  });

  it("boundLogFields cuts nesting", () => {
    const deep = { a: { b: { c: { d: { e: "x" } } } } };
    expect(boundLogFields(deep)).toEqual({ a: { b: { c: { d: "[nested]" } } } });
    expect(boundLogFields({ s: "y".repeat(MAX_LOGGED_STRING + 1) }).s).toHaveLength(MAX_LOGGED_STRING + "… (1001 characters)".length);
  });
});
