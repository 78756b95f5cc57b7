import { getConfig } from "@/server/config";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF guard for state-changing requests: a browser always sends Origin on them, and a
 * cross-site one carries the other site's origin. Requests without Origin or Sec-Fetch-Site
 * come from non-browser clients, which cannot ride a person's cookie.
 */
export function isCrossOriginWrite(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const origin = req.headers.get("origin");
  if (origin === null) return req.headers.get("sec-fetch-site") === "cross-site";
  return !isPublicOrigin(origin, getConfig().publicBaseUrl);
}

/**
 * True when an Origin header names exactly the public origin: same scheme, host and port
 * (default ports normalised). "null", garbage, another port, http for https, and hosts that
 * merely start or end like ours are all other origins. The Host header is not consulted: a
 * DNS-rebinding page would send its own name in both.
 */
export function isPublicOrigin(origin: string, publicBaseUrl: string): boolean {
  if (!/^https?:\/\/[^/?#\\@]+$/i.test(origin)) return false; // an Origin is scheme://host[:port], nothing more
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.origin === new URL(publicBaseUrl).origin;
}
