import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { describe, expect, it } from "vitest";
import { applySecurityHeaders, securityHeaders } from "../../scripts/security-headers.mjs";

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+(.*)/s) as [string, string]));
}

describe("the security headers (scripts/security-headers.mjs)", () => {
  it("on an http origin: CSP with the nonce, no framing, nosniff, a strict referrer policy, no HSTS", () => {
    const headers = securityHeaders({ nonce: "bm9uY2U=", publicBaseUrl: "http://localhost:3000", dev: false });
    const csp = directives(headers["Content-Security-Policy"] ?? "");
    expect(csp.get("script-src")).toBe("'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("default-src")).toBe("'self'");
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
  });

  it("on an https origin: HSTS and upgrade-insecure-requests", () => {
    const headers = securityHeaders({ nonce: "bm9uY2U=", publicBaseUrl: "https://clinic.example", dev: false });
    expect(headers["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}$/);
    expect(directives(headers["Content-Security-Policy"] ?? "").has("upgrade-insecure-requests")).toBe(true);
  });

  it("allows eval only in development, and inline scripts never", () => {
    const production = securityHeaders({ nonce: "bm9uY2U=", publicBaseUrl: "http://localhost:3000", dev: false });
    const development = securityHeaders({ nonce: "bm9uY2U=", publicBaseUrl: "http://localhost:3000", dev: true });
    expect(production["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(directives(development["Content-Security-Policy"] ?? "").get("script-src")).toContain("'unsafe-eval'");
    for (const headers of [production, development]) {
      expect(directives(headers["Content-Security-Policy"] ?? "").get("script-src")).not.toContain("unsafe-inline");
    }
  });

  it("is a policy whose nonce Next.js reads back (what it stamps on its scripts)", () => {
    const headers = securityHeaders({ nonce: "q83vEjRWeJq83vEjRWeJqw==", publicBaseUrl: "http://localhost:3000", dev: false });
    expect(getScriptNonceFromHeader(headers["Content-Security-Policy"] ?? "")).toBe("q83vEjRWeJq83vEjRWeJqw==");
  });

  it("are applied by scripts/serve.mjs to every request before Next.js handles it", () => {
    const serve = readFileSync(path.resolve("scripts/serve.mjs"), "utf8");
    expect(serve).toMatch(
      /applySecurityHeaders\(req, res, securityHeaderOptions\);\s*admit\(req\.url \?\? "\/", \(\) => void handle\(req, res\)\);/,
    );
  });
});

describe("applySecurityHeaders on a real HTTP server", () => {
  it("gives each response a fresh nonce, the same one the app sees in the request, whatever the client sent", async () => {
    // The handler stands in for Next.js: it reads the policy from the request, as Next.js does,
    // and answers with its own headers, as a route handler does.
    const server = createServer((req, res) => {
      applySecurityHeaders(req, res, { publicBaseUrl: "https://clinic.example", dev: false });
      const seen = getScriptNonceFromHeader(String(req.headers["content-security-policy"]));
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ seen, reportOnly: req.headers["content-security-policy-report-only"] ?? null }));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    try {
      const forged = {
        "content-security-policy": "script-src 'nonce-chosenbytheclient'",
        "content-security-policy-report-only": "script-src 'nonce-chosenbytheclient'",
      };
      const answers = await Promise.all([1, 2].map(() => fetch(`http://127.0.0.1:${port}/api/health`, { headers: forged })));
      const nonces = [];
      for (const answer of answers) {
        const body = (await answer.json()) as { seen: string; reportOnly: string | null };
        const sent = getScriptNonceFromHeader(answer.headers.get("content-security-policy") ?? "");
        expect(sent).toBe(body.seen);
        expect(sent).not.toBe("chosenbytheclient");
        expect(Buffer.from(sent ?? "", "base64")).toHaveLength(16);
        expect(body.reportOnly).toBeNull();
        expect(answer.headers.get("content-type")).toBe("application/json");
        expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
        expect(answer.headers.get("strict-transport-security")).toMatch(/^max-age=/);
        nonces.push(sent);
      }
      expect(nonces[0]).not.toBe(nonces[1]);
    } finally {
      server.close();
    }
  });
});
