import { isIP } from "node:net";
import { isPublicAddress } from "./address-policy";
import { OutboundError } from "./outbound-errors";

/** An origin the server may fetch from. */
export interface AllowedOrigin {
  /** "https://storage.vapi.ai", as `new URL(...).origin` spells it. */
  origin: string;
  /**
   * True only when the operator configured this origin explicitly (an emulator on loopback,
   * a storage proxy on the private network); otherwise its host name must resolve to public
   * addresses only.
   */
  privateAddressesAllowed: boolean;
}

export interface CheckedTarget {
  url: URL;
  allowed: AllowedOrigin;
  /** The host name to resolve, or null when the URL names an IP address itself. */
  hostName: string | null;
}

/**
 * Parses a URL that came from outside and checks it against the allowed origins before any
 * connection: http(s) only, no user name or password, an exact origin match (scheme, host and
 * port, as the WHATWG URL parser normalises them, so "2130706433", "0x7f.1" and "127.1" are
 * all 127.0.0.1, and a trailing dot is another host). An IP address in the URL must be public
 * unless the origin allows private addresses.
 */
export function checkTarget(raw: string | URL, origins: readonly AllowedOrigin[]): CheckedTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError("refused", "not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new OutboundError("refused", "scheme not allowed");
  if (url.username || url.password) throw new OutboundError("refused", "credentials in the URL");
  const allowed = origins.find((candidate) => candidate.origin === url.origin);
  if (!allowed) throw new OutboundError("refused", "origin not allowed");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host)) {
    if (!allowed.privateAddressesAllowed && !isPublicAddress(host)) throw new OutboundError("refused", "address not public");
    return { url, allowed, hostName: null };
  }
  return { url, allowed, hostName: host };
}

/** "https://a.example/x" → { origin: "https://a.example", ... }; throws on anything but an http(s) origin. */
export function allowedOrigin(value: string, privateAddressesAllowed: boolean): AllowedOrigin {
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`${value} is not an http(s) origin`);
  return { origin: url.origin, privateAddressesAllowed };
}
