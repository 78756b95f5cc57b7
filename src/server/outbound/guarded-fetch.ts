import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isPublicAddress } from "./address-policy";
import { type AllowedOrigin, type CheckedTarget, checkTarget } from "./allowed-origin";
import { OutboundError } from "./outbound-errors";

type Resolver = (hostName: string) => Promise<LookupAddress[]>;

export interface GuardedFetchOptions {
  origins: readonly AllowedOrigin[];
  headers?: Record<string, string>;
  /** Aborts the request and the body (e.g. the browser went away). */
  signal?: AbortSignal;
  /** Largest body accepted; a larger Content-Length is refused, a longer stream is cut with an error. */
  maxBytes: number;
  /** Time for the whole exchange, body included: a slow drip cannot hold a connection open. */
  totalTimeoutMs: number;
  /** Time until the response headers arrive. */
  headersTimeoutMs: number;
  /** Redirects followed, each re-checked against the same rules (0: none). */
  maxRedirects?: number;
  /** Name resolution, replaceable in tests; the addresses it returns are the ones connected to. */
  resolve?: Resolver;
}

const systemResolver: Resolver = (hostName) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostName, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/**
 * The one client for server-side requests to URLs that came from outside (a provider's
 * webhook, a stored recording URL). Only the allowed origins are reached; a host name is
 * resolved once, every address checked, and the socket connects to exactly those checked
 * addresses (the `lookup` hook), so DNS rebinding between check and connect cannot happen.
 * Redirects are re-checked hop by hop; size and total time are capped. Returns a web Response
 * whose body stream applies the same caps.
 */
export async function guardedFetch(raw: string, options: GuardedFetchOptions): Promise<Response> {
  const deadline = new Deadline(options.totalTimeoutMs, options.signal);
  try {
    let target = checkTarget(raw, options.origins);
    for (let hop = 0; ; hop++) {
      const res = await request(target, options, deadline);
      const location = res.headers.location;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
        res.destroy();
        if (hop >= (options.maxRedirects ?? 0)) throw new OutboundError("refused", "redirect not followed");
        target = checkTarget(new URL(location, target.url), options.origins);
        continue;
      }
      const length = Number(res.headers["content-length"]);
      if (Number.isFinite(length) && length > options.maxBytes) {
        res.destroy();
        throw new OutboundError("refused", "response too large");
      }
      return toWebResponse(res, options.maxBytes, deadline);
    }
  } catch (error) {
    deadline.done();
    throw error instanceof OutboundError ? error : new OutboundError("failed", describe(error));
  }
}

async function request(target: CheckedTarget, options: GuardedFetchOptions, deadline: Deadline): Promise<IncomingMessage> {
  const addresses = target.hostName ? await resolveChecked(target, options.resolve ?? systemResolver) : undefined;
  // The socket connects to the addresses checked above and never resolves the name again.
  const lookup: LookupFunction | undefined = addresses
    ? (_hostName, lookupOptions, callback) => {
        if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      }
    : undefined;
  const client = target.url.protocol === "https:" ? https : http;
  deadline.check();
  return new Promise((resolvePromise, reject) => {
    const req = client.request(target.url, {
      method: "GET",
      headers: options.headers,
      agent: false,
      lookup, // undefined for an IP literal: checkTarget checked it
    });
    const headersTimer = setTimeout(() => req.destroy(new OutboundError("failed", "no response in time")), options.headersTimeoutMs);
    deadline.onExpire((error) => req.destroy(error));
    req.once("response", (res) => {
      clearTimeout(headersTimer);
      deadline.onExpire((error) => res.destroy(error));
      resolvePromise(res);
    });
    req.once("error", (error) => {
      clearTimeout(headersTimer);
      reject(error);
    });
    req.end();
  });
}

async function resolveChecked(target: CheckedTarget, resolve: Resolver): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(target.hostName!);
  } catch (error) {
    throw new OutboundError("failed", describe(error));
  }
  if (addresses.length === 0) throw new OutboundError("failed", "no address");
  if (!target.allowed.privateAddressesAllowed && !addresses.every((a) => isPublicAddress(a.address))) {
    throw new OutboundError("refused", "address not public");
  }
  return addresses;
}

function toWebResponse(res: IncomingMessage, maxBytes: number, deadline: Deadline): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  let received = 0;
  let finished = false;
  const finish = () => {
    finished = true;
    deadline.done();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        res.on("data", (chunk: Buffer) => {
          if (finished) return;
          received += chunk.length;
          if (received > maxBytes) {
            finish();
            controller.error(new OutboundError("refused", "response too large"));
            res.destroy();
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) res.pause();
        });
        res.once("end", () => {
          if (finished) return;
          finish();
          controller.close();
        });
        res.once("error", (error) => {
          if (finished) return;
          finish();
          controller.error(error instanceof OutboundError ? error : new OutboundError("failed", describe(error)));
        });
        res.once("close", () => {
          if (finished) return;
          finish();
          controller.error(new OutboundError("failed", "connection closed early"));
        });
      },
      pull() {
        res.resume();
      },
      cancel() {
        finish();
        res.destroy();
      },
    },
    { highWaterMark: 256 * 1024, size: (chunk) => chunk.byteLength },
  );
  const status = res.statusCode ?? 502;
  return new Response(status === 204 || status === 304 ? null : body, { status, headers });
}

/** One timer for the whole exchange (and the caller's abort signal), firing every registered hook once. */
class Deadline {
  private hooks: ((error: Error) => void)[] = [];
  private expired: Error | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly signal: AbortSignal | undefined;
  private readonly onAbort = () => this.expire(new OutboundError("failed", "aborted"));

  constructor(ms: number, signal: AbortSignal | undefined) {
    this.timer = setTimeout(() => this.expire(new OutboundError("failed", "total time exceeded")), ms);
    this.signal = signal;
    if (signal?.aborted) this.onAbort();
    else signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /** Throws if the time is already up (e.g. while the name was resolving). */
  check(): void {
    if (this.expired) throw this.expired;
  }

  onExpire(hook: (error: Error) => void): void {
    if (this.expired) hook(this.expired);
    else this.hooks.push(hook);
  }

  done(): void {
    clearTimeout(this.timer);
    this.signal?.removeEventListener("abort", this.onAbort);
    this.hooks = [];
  }

  private expire(error: Error): void {
    if (this.expired) return;
    this.expired = error;
    for (const hook of this.hooks) hook(error);
    this.done();
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; name?: string; message?: string };
  return e?.code ?? e?.name ?? "error";
}
