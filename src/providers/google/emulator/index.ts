import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { emulatorLog } from "../../emulator-log";
import type { GoogleEndpoints } from "../config";
import { handleCalendar } from "./calendar-routes";
import { FailurePlan, type InjectedFailure, type PlannedFailure } from "./failures";
import { readBody, sendApiError, sendOAuthError } from "./http";
import { handleAuthorize, handleRevoke, handleToken, type OAuthRouteContext } from "./oauth-routes";
import { type EmulatorEndpoint, GoogleEmulatorState } from "./state";

export type { InjectedFailure } from "./failures";
export type { EmulatorEndpoint, RecordedRequest, StoredEvent } from "./state";
export { GoogleEmulatorState } from "./state";

/**
 * A Google stand-in on loopback for tests and demo mode: OAuth consent, token and revoke
 * endpoints plus the Calendar v3 methods Clinicall uses, with state and failure injection.
 * Point GoogleConfig's endpoints at `urls` (same shape) and the real clients talk to it.
 */

export interface GoogleEmulatorOptions {
  clientId: string;
  clientSecret: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The Google account that consents (default clinic.calendar@example.com). */
  accountEmail?: string;
  /** Redirect URIs registered for the client; default accepts any http(s) URI. */
  redirectUris?: string[];
  /** Clock in ms, for code and token expiry; default the process clock, read at each use (a test may pin it). */
  now?: () => number;
  /** Default 3599, as Google. */
  accessTokenLifetimeSeconds?: number;
  /** How long an authorization code can be exchanged; default 600. */
  codeLifetimeSeconds?: number;
}

export interface GoogleEmulator {
  /** http://127.0.0.1:<port> */
  url: string;
  urls: GoogleEndpoints;
  state: GoogleEmulatorState;
  /** Makes the next request(s) to `endpoint` fail or stall; see InjectedFailure. */
  fail(endpoint: EmulatorEndpoint, failure: InjectedFailure): void;
  clearFailures(endpoint?: EmulatorEndpoint): void;
  close(): Promise<void>;
}

const AUTH_PATH = "/o/oauth2/v2/auth";
const IDLE_CONNECTION_MS = 120_000;

export async function startGoogleEmulator(options: GoogleEmulatorOptions): Promise<GoogleEmulator> {
  const state = new GoogleEmulatorState(options.accountEmail ?? "clinic.calendar@example.com", options.now ?? (() => Date.now()));
  const oauth: OAuthRouteContext = {
    state,
    client: { clientId: options.clientId, clientSecret: options.clientSecret, redirectUris: options.redirectUris },
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3599,
    codeLifetimeSeconds: options.codeLifetimeSeconds ?? 600,
  };
  const failures = new FailurePlan();
  const closing = new AbortController();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      emulatorLog.error({ err: error, path: req.url?.split("?")[0] }, "google emulator: request failed");
      sendApiError(res, 500, { reason: "backendError", message: "Backend Error" });
    });
  });
  // Google keeps idle connections open for minutes. Node's default of 5 s closes a pooled socket
  // while a busy client is about to reuse it, and that request fails with ECONNRESET.
  server.keepAliveTimeout = IDLE_CONNECTION_MS;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const route = routeOf(req.method ?? "GET", url.pathname);
    state.record({ endpoint: route?.endpoint ?? "unknown", method: req.method ?? "GET", path: url.pathname, at: new Date() });
    const body = await readBody(req);
    if (!route) return sendApiError(res, 404, { reason: "notFound", message: "Not Found" });

    const planned = failures.take(route.endpoint);
    if (planned?.delayMs) await sleep(planned.delayMs, closing.signal);
    if (planned?.status) return sendInjectedFailure(res, route.endpoint, planned);

    switch (route.endpoint) {
      case "authorize":
        return handleAuthorize(oauth, url, res, req.method === "POST" ? body : undefined);
      case "token":
        return handleToken(oauth, req, body, res);
      case "revoke":
        return handleRevoke(oauth, url, body, res);
      default:
        return handleCalendar(state, { ...route, req, url, body, res });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    urls: { auth: `${url}${AUTH_PATH}`, token: `${url}/token`, revoke: `${url}/revoke`, calendarApi: url },
    state,
    fail: (endpoint, failure) => failures.add(endpoint, failure),
    clearFailures: (endpoint) => failures.clear(endpoint),
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface Route {
  endpoint: EmulatorEndpoint;
  calendarId?: string;
  eventId?: string;
}

const EVENTS_PATH = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/;

function routeOf(method: string, pathname: string): Route | undefined {
  if (pathname === AUTH_PATH && (method === "GET" || method === "POST")) return { endpoint: "authorize" };
  if (pathname === "/token" && method === "POST") return { endpoint: "token" };
  if (pathname === "/revoke" && method === "POST") return { endpoint: "revoke" };
  if (pathname === "/calendar/v3/freeBusy" && method === "POST") return { endpoint: "freeBusy" };
  const match = EVENTS_PATH.exec(pathname);
  if (!match) return undefined;
  const calendarId = safeDecode(match[1] ?? "");
  const eventId = match[2] === undefined ? undefined : safeDecode(match[2]);
  if (eventId === undefined) {
    if (method === "POST") return { endpoint: "events.insert", calendarId };
    if (method === "GET") return { endpoint: "events.list", calendarId };
    return undefined;
  }
  const byMethod: Record<string, EmulatorEndpoint> = { GET: "events.get", PATCH: "events.patch", DELETE: "events.delete" };
  const endpoint = byMethod[method];
  return endpoint ? { endpoint, calendarId, eventId } : undefined;
}

/** Injected errors in the shape each kind of endpoint really uses. */
function sendInjectedFailure(res: ServerResponse, endpoint: EmulatorEndpoint, failure: PlannedFailure): void {
  const status = failure.status ?? 500;
  if (endpoint === "token" || endpoint === "revoke" || endpoint === "authorize") {
    const error = status === 429 ? "rate_limit_exceeded" : status === 503 ? "temporarily_unavailable" : "server_error";
    return sendOAuthError(res, status, error, "Injected by the Google emulator");
  }
  if (status === 429) {
    return sendApiError(res, 429, { domain: "usageLimits", reason: "rateLimitExceeded", message: "Rate Limit Exceeded" });
  }
  sendApiError(res, status, { reason: "backendError", message: "Backend Error" });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal.addEventListener("abort", stop, { once: true });
  });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
