// The security headers scripts/serve.mjs puts on every response it serves (pages, API, static
// files). The Content-Security-Policy carries a fresh nonce per request; serve.mjs also writes the
// policy into the request's own `content-security-policy` header (replacing any copy the client
// sent), which is where Next.js reads the nonce to stamp on the inline and bootstrap scripts it
// renders. No Next.js proxy/middleware is involved, so route handlers still stream request bodies.
import { randomBytes } from "node:crypto";

/** 128 random bits, base64: unpredictable and unique per response. */
export function newNonce() {
  return randomBytes(16).toString("base64");
}

/**
 * Scripts run only when Next.js stamped them with this response's nonce (or were loaded by such a
 * script: 'strict-dynamic'). Styles allow 'unsafe-inline': React's style attributes (charts,
 * progress bars) cannot carry a nonce. Development adds 'unsafe-eval', which React's dev build uses.
 */
export function contentSecurityPolicy({ nonce, https, dev }) {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Every header for one response. HSTS only when the public origin is https. */
export function securityHeaders({ nonce, publicBaseUrl, dev }) {
  const https = new URL(publicBaseUrl).protocol === "https:";
  return {
    "Content-Security-Policy": contentSecurityPolicy({ nonce, https, dev }),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/**
 * Sets the headers on the response and hands the policy to Next.js through the request. Called by
 * serve.mjs before Next.js sees the request.
 */
export function applySecurityHeaders(req, res, { publicBaseUrl, dev }) {
  const headers = securityHeaders({ nonce: newNonce(), publicBaseUrl, dev });
  req.headers["content-security-policy"] = headers["Content-Security-Policy"];
  delete req.headers["content-security-policy-report-only"];
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
