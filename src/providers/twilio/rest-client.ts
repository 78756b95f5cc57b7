import twilio from "twilio";

/**
 * Twilio's REST API through the official `twilio` package, pointed at a configurable base
 * (TWILIO_API_URL: https://api.twilio.com or the Twilio emulator).
 *
 * The package builds absolute URIs on its own hosts (api.twilio.com, and messaging.twilio.com
 * etc. for other products); our HTTP client swaps the scheme, host and port for the configured
 * base and keeps the path (/2010-04-01/Accounts/{sid}/Calls/{sid}.json, .../Messages.json).
 * It sends one request (no automatic retries: an update or a message is never repeated by the
 * transport; jobs retry whole steps, idempotently), aborted after `timeoutMs`, form-encoded
 * with Basic auth as the package asks. Non-2xx answers become the package's RestException
 * ({ status, code, message, moreInfo }) as with the real API.
 *
 * The base is operator configuration (like VAPI_API_URL), not a URL that came from outside, so
 * the outbound guard's allow-list does not apply to it; its origin is on the guard's list for
 * RecordingUrls that point at it.
 *
 * Who uses it: src/server/twilio/twilio-rest.ts (live-call updates for transfers), and SMS
 * (`client.messages.create`) on the same client.
 */

export interface TwilioRestConfig {
  accountSid: string;
  authToken: string;
  /** Base URL without a trailing slash, e.g. https://api.twilio.com or http://127.0.0.1:PORT. */
  apiUrl: string;
  /** Whole request, body included (default 10 s). */
  timeoutMs?: number;
}

export type TwilioRestClient = twilio.Twilio;

interface PackageRequest {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  data?: Record<string, unknown>;
  timeout?: number;
}

interface PackageResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

const MAX_RESPONSE_BYTES = 1024 * 1024;

export function createTwilioRestClient(config: TwilioRestConfig): TwilioRestClient {
  const base = new URL(config.apiUrl);
  const timeoutMs = config.timeoutMs ?? 10_000;
  const httpClient = {
    async request(opts: PackageRequest): Promise<PackageResponse> {
      const target = rebase(opts.uri, base);
      appendForm(target.searchParams, opts.params);
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.username && opts.password) {
        headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString("base64")}`;
      }
      let body: string | undefined;
      if (opts.data && headers["Content-Type"] === "application/x-www-form-urlencoded") {
        const form = new URLSearchParams();
        appendForm(form, opts.data);
        body = form.toString();
      } else if (opts.data) {
        body = JSON.stringify(opts.data);
      }
      const response = await fetch(target, {
        method: opts.method.toUpperCase(),
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (text.length > MAX_RESPONSE_BYTES) throw new Error(`Twilio answered ${text.length} characters; refusing more than 1 MB`);
      return { statusCode: response.status, body: text, headers: Object.fromEntries(response.headers) };
    },
  };
  return twilio(config.accountSid, config.authToken, {
    accountSid: config.accountSid,
    // The package's type is its axios RequestClient; it only ever calls request().
    httpClient: httpClient as unknown as NonNullable<twilio.ClientOpts["httpClient"]>,
    autoRetry: false,
  });
}

/** https://api.twilio.com/2010-04-01/x.json → {base}/2010-04-01/x.json (path and query kept). */
function rebase(uri: string, base: URL): URL {
  const original = new URL(uri);
  const target = new URL(base.href);
  target.pathname = `${base.pathname.replace(/\/+$/, "")}${original.pathname}`;
  target.search = original.search;
  return target;
}

function appendForm(form: URLSearchParams, values: Record<string, unknown> | undefined): void {
  if (!values) return;
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item instanceof Date ? item.toISOString() : String(item));
  }
}
