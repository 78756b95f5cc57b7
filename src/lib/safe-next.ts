/**
 * Where to send someone after they sign in or up. Only paths on this site are allowed
 * ("/dashboard/team", "/invitations/accept?token=..."); anything else (another host,
 * "//evil.example", "javascript:") falls back, so a crafted link cannot redirect off-site.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/dashboard"): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}

/** "/login?next=<path>", keeping other params (e.g. email) when given. */
export function withNext(base: string, next: string | undefined, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  if (next) params.set("next", next);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}
