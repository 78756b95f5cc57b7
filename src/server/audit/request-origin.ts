import { AsyncLocalStorage } from "node:async_hooks";
import { clientAddressOf, UNKNOWN_ADDRESS } from "@/server/http/client-address";

/** Where the request being served comes from, as the audit log records it. */
export interface RequestOrigin {
  ipAddress: string | null;
  userAgent: string | null;
}

// On globalThis for the same reason as the log context: Next may load this module once per bundle.
const holder = globalThis as unknown as { __clinicallRequestOrigin?: AsyncLocalStorage<() => RequestOrigin> };
holder.__clinicallRequestOrigin ??= new AsyncLocalStorage<() => RequestOrigin>();
const store = holder.__clinicallRequestOrigin;

/**
 * Serves `fn` with the request's origin available to recordAudit (the API wrapper, handler.ts,
 * does it for every route). Kept apart from the log context: log lines never carry addresses.
 * Read only when an audit row is written, then remembered.
 */
export function runWithRequestOrigin<T>(req: Request, fn: () => T): T {
  let origin: RequestOrigin | undefined;
  return store.run(() => {
    origin ??= readOrigin(req);
    return origin;
  }, fn);
}

/** The current request's origin; nulls outside a request (jobs, webhooks). */
export function currentRequestOrigin(): RequestOrigin {
  return store.getStore()?.() ?? { ipAddress: null, userAgent: null };
}

function readOrigin(req: Request): RequestOrigin {
  let ipAddress: string | null = null;
  try {
    const address = clientAddressOf(req);
    ipAddress = address === UNKNOWN_ADDRESS ? null : address;
  } catch {
    ipAddress = null;
  }
  // Control characters out, at most 512 characters (the column's limit).
  const agent = [...(req.headers.get("user-agent") ?? "")]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join("")
    .slice(0, 512);
  return { ipAddress, userAgent: agent || null };
}
