import { BlockList, isIP } from "node:net";
import { getConfig } from "@/server/config";

/**
 * The header the server (scripts/serve.mjs) sets on every request to the address of the TCP peer,
 * replacing any copy the client sent. Next.js route handlers do not expose the socket, and
 * `next start` passes a client's own `X-Forwarded-For` through untouched (it only fills the header
 * in when it is absent), so neither can tell who is connected.
 */
export const PEER_ADDRESS_HEADER = "x-clinicall-peer-address";

/** What requests without a known peer (not served by scripts/serve.mjs) share as an address. */
export const UNKNOWN_ADDRESS = "unknown";

const lists = new Map<string, BlockList>();

function trustedList(blocks: string[]): BlockList {
  const cacheKey = blocks.join(",");
  let list = lists.get(cacheKey);
  if (!list) {
    list = new BlockList();
    for (const block of blocks) {
      const [address, prefix] = block.split("/");
      list.addSubnet(address!, Number(prefix), isIP(address!) === 6 ? "ipv6" : "ipv4");
    }
    lists.set(cacheKey, list);
  }
  return list;
}

/** "::ffff:192.0.2.1" → "192.0.2.1"; anything that is not an IP address → undefined. */
export function normaliseAddress(raw: string | null | undefined): string | undefined {
  const value = raw?.trim();
  if (!value || value.length > 64) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  const address = mapped ? mapped[1]! : value;
  return isIP(address) ? address.toLowerCase() : undefined;
}

function isTrusted(address: string, list: BlockList): boolean {
  return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the connection's own, unless the connection comes from a proxy in
 * TRUSTED_PROXIES; then `X-Forwarded-For` is read from the right (each proxy appends the address
 * it saw), skipping trusted proxies, and the first address no trusted proxy vouches for is the
 * client. A client can write anything to the left of that; it is never read.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | null, trustedProxies: string[]): string {
  const connection = normaliseAddress(peer);
  if (!connection) return UNKNOWN_ADDRESS;
  const list = trustedList(trustedProxies);
  if (trustedProxies.length === 0 || !isTrusted(connection, list)) return connection;
  let client = connection;
  const hops = (forwardedFor ?? "").slice(0, 2048).split(",").reverse();
  for (const hop of hops) {
    const address = normaliseAddress(hop);
    if (!address) break; // a hop we cannot read: believe nothing further left
    client = address;
    if (!isTrusted(address, list)) break;
  }
  return client;
}

/** Whether `address` (normalised) is in TRUSTED_PROXIES. */
export function isTrustedProxy(address: string, trustedProxies: string[]): boolean {
  return trustedProxies.length > 0 && isTrusted(address, trustedList(trustedProxies));
}

/** 127.0.0.0/8 or ::1 (normalised addresses). */
export function isLoopbackAddress(address: string): boolean {
  return address === "::1" || (isIP(address) === 4 && address.startsWith("127."));
}

/**
 * The TCP peer's address when scripts/serve.mjs serves this process: it sets the peer header on
 * every request, replacing the client's copy, and marks the process (`__clinicallPeerAddressHeader`).
 * Undefined otherwise (a bare `next start` passes a client's own header through).
 */
export function knownPeerAddress(req: Request): string | undefined {
  if ((globalThis as { __clinicallPeerAddressHeader?: boolean }).__clinicallPeerAddressHeader !== true) return undefined;
  return req.headers.get(PEER_ADDRESS_HEADER) ?? undefined;
}

/** The address a request comes from (see resolveClientAddress). */
export function clientAddressOf(req: Request): string {
  return resolveClientAddress(
    req.headers.get(PEER_ADDRESS_HEADER) ?? undefined,
    req.headers.get("x-forwarded-for"),
    getConfig().trustedProxies,
  );
}

/**
 * What throttling counts an address as: IPv4 addresses whole, IPv6 addresses by their /64 (one
 * subscriber usually holds a whole /64, so single addresses would cost an attacker nothing).
 */
export function throttleKeyOfAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
