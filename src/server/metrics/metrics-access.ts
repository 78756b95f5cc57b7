import { createHash, timingSafeEqual } from "node:crypto";
import { isLoopbackAddress, isTrustedProxy, normaliseAddress } from "@/server/http/client-address";

export type MetricsAccess = "allowed" | "unauthenticated" | "not_loopback";

export interface MetricsRequest {
  authorization: string | null;
  /** The TCP peer's address when the server in front says it (scripts/serve.mjs), else undefined. */
  peer: string | undefined;
  /** Whether the request carries a proxy's forwarding header (X-Forwarded-For, Forwarded, X-Real-IP). */
  forwarded: boolean;
}

/**
 * Who may read /metrics.
 * - With METRICS_TOKEN: a request with `Authorization: Bearer <METRICS_TOKEN>` (compared in
 *   constant time over digests, so neither the token nor its length leaks), from anywhere.
 * - Without it (loopback mode): a request whose TCP peer is a loopback address, as
 *   scripts/serve.mjs reports it, that no proxy forwarded: not from a TRUSTED_PROXIES address and
 *   with no forwarding header, since a proxy on the same host connects from loopback too. An
 *   unknown peer (a bare `next start`, where a client could write the peer header itself) is
 *   refused.
 */
export function metricsAccess(request: MetricsRequest, configuredToken: string | undefined, trustedProxies: string[]): MetricsAccess {
  if (configuredToken) {
    const match = request.authorization?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match) return "unauthenticated";
    return timingSafeEqual(digest(match[1]!), digest(configuredToken)) ? "allowed" : "unauthenticated";
  }
  const peer = normaliseAddress(request.peer);
  if (!peer || !isLoopbackAddress(peer) || request.forwarded || isTrustedProxy(peer, trustedProxies)) return "not_loopback";
  return "allowed";
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
