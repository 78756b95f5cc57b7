import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/safe-next";

const SITE = "https://clinic.example";

/** Where a browser on the site would actually go if the value were used as a Location. */
function landsOnSite(path: string): boolean {
  return new URL(path, SITE).origin === SITE;
}

describe("safeNextPath", () => {
  it.each([
    ["/dashboard/team", "/dashboard/team"],
    ["/invitations/accept?token=abc%2Fdef", "/invitations/accept?token=abc%2Fdef"],
    ["/dashboard/calls?from=2026-01-01#top", "/dashboard/calls?from=2026-01-01#top"],
    ["/dashboard/../dashboard/team", "/dashboard/team"],
    ["/search?q=a//b", "/search?q=a//b"],
  ])("keeps the same-site path %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    "",
    "dashboard",
    "https://evil.example/dashboard",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/%2f%2fevil.example",
    "/%2F/evil.example",
    "%2f%2fevil.example",
    "/%5cevil.example",
    "/%5C%5Cevil.example",
    "/%252f%252fevil.example",
    "/%25252f%25252fevil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%00",
    "/%E0%A4%A", // malformed encoding
    "javascript:alert(1)",
    "/javascript:alert(1)//%0a",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/@evil.example",
    "/..//evil.example",
  ])("falls back for %j, and whatever it returns stays on the site", (next) => {
    const result = safeNextPath(next as string | null | undefined);
    expect(landsOnSite(result)).toBe(true);
    expect(result.startsWith("/") && !result.startsWith("//") && !result.includes("\\")).toBe(true);
  });

  it.each(["//evil.example", "/\\evil.example", "/%2f%2fevil.example", "/%5cevil.example", "/\t/evil.example", "javascript:alert(1)"])(
    "gives the fallback itself for %j",
    (next) => {
      expect(safeNextPath(next, "/login")).toBe("/login");
    },
  );

  it("never leaves the site for random strings built from the dangerous pieces", () => {
    const pieces = [
      "/",
      "\\",
      "//",
      "%2f",
      "%5c",
      "%252f",
      "\t",
      "\n",
      "\r",
      " ",
      "evil.example",
      "@",
      ":",
      "javascript:",
      ".",
      "..",
      "?",
      "#",
      "%",
      "http:",
      "https:",
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 5000; i++) {
      let value = "";
      const count = 1 + Math.floor(random() * 6);
      for (let j = 0; j < count; j++) value += pieces[Math.floor(random() * pieces.length)];
      const result = safeNextPath(value);
      expect(landsOnSite(result), value).toBe(true);
      expect(result.startsWith("//") || result.includes("\\") || [...result].some((c) => c.charCodeAt(0) < 0x20), value).toBe(false);
      // Decoding the result (as a lax router might) cannot produce an off-site path either.
      let decoded = result;
      try {
        decoded = decodeURIComponent(decodeURIComponent(result));
      } catch {
        // not decodable: a browser keeps it as it is
      }
      expect(decoded.startsWith("//") || decoded.includes("\\"), value).toBe(false);
    }
  });
});
