import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/server/config";
import { isCrossOriginWrite, isPublicOrigin } from "@/server/http/origin";

describe("isPublicOrigin compares scheme, host and port with the public origin", () => {
  const PUBLIC = "https://clinic.example.com";
  it.each([
    ["https://clinic.example.com", true],
    ["https://CLINIC.example.com", true],
    ["https://clinic.example.com:443", true],
    ["http://clinic.example.com", false], // scheme
    ["https://clinic.example.com:8443", false], // port
    ["https://evil-clinic.example.com", false],
    ["https://clinic.example.com.evil.example", false], // suffix
    ["https://xclinic.example.com", false], // prefix
    ["https://example.com", false],
    ["https://sub.clinic.example.com", false],
    ["https://clinic.example.com@evil.example", false],
    ["https://clinic.example.com/", false], // an Origin never carries a path
    ["https://clinic.example.com.", false], // trailing dot
    ["null", false],
    ["", false],
    ["clinic.example.com", false],
    ["file://", false],
  ])("%j → %s", (origin, expected) => {
    expect(isPublicOrigin(origin, PUBLIC)).toBe(expected);
  });

  it("uses the port of an http public origin too", () => {
    expect(isPublicOrigin("http://localhost:3000", "http://localhost:3000")).toBe(true);
    expect(isPublicOrigin("http://localhost:3001", "http://localhost:3000")).toBe(false);
    expect(isPublicOrigin("http://127.0.0.1:3000", "http://localhost:3000")).toBe(false);
    expect(isPublicOrigin("https://localhost:3000", "http://localhost:3000")).toBe(false);
    expect(isPublicOrigin("http://localhost", "http://localhost:80")).toBe(true);
  });
});

describe("isCrossOriginWrite", () => {
  const saved = process.env.PUBLIC_BASE_URL;
  beforeAll(() => {
    process.env.PUBLIC_BASE_URL = "https://clinic.example.com";
    resetConfigForTests();
  });
  afterAll(() => {
    process.env.PUBLIC_BASE_URL = saved;
    resetConfigForTests();
  });
  const write = (headers: Record<string, string>, method = "POST") =>
    isCrossOriginWrite(new Request("https://clinic.example.com/api/intents", { method, headers }));

  it.each([
    [{ origin: "https://clinic.example.com" }, false],
    [{ origin: "http://clinic.example.com", host: "clinic.example.com" }, true],
    [{ origin: "https://clinic.example.com:8443", host: "clinic.example.com:8443" }, true],
    [{ origin: "http://rebound.evil.example", host: "rebound.evil.example" }, true], // DNS rebinding: Host agrees with Origin
    [{ origin: "null" }, true],
    [{ "sec-fetch-site": "cross-site" }, true],
    [{ "sec-fetch-site": "same-origin" }, false],
    [{}, false], // not a browser
  ])("%j → cross-origin: %s", (headers, expected) => {
    expect(write(headers)).toBe(expected);
  });

  it("never refuses safe methods", () => {
    expect(write({ origin: "https://evil.example" }, "GET")).toBe(false);
  });
});
