import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "allowed" | "not_enabled" | "unauthenticated";

/**
 * Who may read /metrics: a request with `Authorization: Bearer <METRICS_TOKEN>` (compared in
 * constant time over digests, so neither the token nor its length leaks). With no token
 * configured nobody may: a Next route handler cannot see the peer's address, so "loopback only"
 * cannot be checked safely here (a forwarded-for header can be forged).
 */
export function metricsAccess(authorization: string | null, configuredToken: string | undefined): MetricsAccess {
  if (!configuredToken) return "not_enabled";
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) return "unauthenticated";
  return timingSafeEqual(digest(match[1]!), digest(configuredToken)) ? "allowed" : "unauthenticated";
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
