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
  if (!origin) return req.headers.get("sec-fetch-site") === "cross-site";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // "null" or garbage
  }
  const publicHost = new URL(getConfig().publicBaseUrl).host;
  return originHost !== publicHost && originHost !== req.headers.get("host");
}
