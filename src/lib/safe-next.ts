/** Any origin will do for resolving: only whether a path stays on it matters. */
const SITE = "https://site.invalid";

/** Control characters (browsers strip tabs and newlines from URLs) and backslashes (read as "/"). */
function hasUnsafeCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/**
 * Where to send someone after they sign in or up. Only paths on this site are allowed
 * ("/dashboard/team", "/invitations/accept?token=..."); anything else falls back, so a crafted
 * link cannot redirect off-site. The value is resolved with `new URL` against a site origin and
 * must stay on it; control characters (tabs, newlines, which browsers strip), backslashes
 * (which browsers read as "/") and "//" are refused, also when percent-encoded, once or more.
 * Returns the normalised path, query and fragment.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/dashboard"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//")) return fallback;
  let decoded = next;
  for (let round = 0; round < 4; round++) {
    if (hasUnsafeCharacter(decoded) || decoded.startsWith("//")) return fallback;
    let once: string;
    try {
      once = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (once === decoded) break;
    if (round === 3) return fallback; // still encoded after four rounds: no real path looks like that
    decoded = once;
  }
  let url: URL;
  try {
    url = new URL(next, SITE);
  } catch {
    return fallback;
  }
  // "/..//evil.example" resolves to the path "//evil.example", which a Location reads as a host.
  if (url.origin !== SITE || url.username || url.password || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** "/login?next=<path>", keeping other params (e.g. email) when given. */
export function withNext(base: string, next: string | undefined, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  if (next) params.set("next", next);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}
