import type { IncomingMessage, ServerResponse } from "node:http";

/** HTTP helpers for the emulator: bodies in, Google-shaped answers out. */

const MAX_BODY_BYTES = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON object body; undefined when the body is not a JSON object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-length": 0 });
  res.end();
}

export function redirect(res: ServerResponse, location: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(302, { location, "content-length": 0 });
  res.end();
}

/** OAuth endpoints answer errors as `{error, error_description}` (RFC 6749 §5.2). */
export function sendOAuthError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description }, { "cache-control": "no-store" });
}

/** gRPC-style status names Google puts in the API error envelope. */
const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  410: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export interface ApiErrorDetail {
  reason: string;
  message: string;
  domain?: string;
  location?: string;
  locationType?: string;
}

/**
 * The Calendar API error envelope:
 * `{error: {code, message, errors: [{domain, reason, message, ...}], status}}`.
 * `message` is the top-level message when it differs from the detail's (as for 401s).
 */
export function sendApiError(
  res: ServerResponse,
  code: number,
  detail: ApiErrorDetail,
  extra: { message?: string; headers?: Record<string, string> } = {},
): void {
  const { domain = "global", ...rest } = detail;
  sendJson(
    res,
    code,
    {
      error: {
        code,
        message: extra.message ?? detail.message,
        errors: [{ domain, ...rest }],
        ...(STATUS_NAMES[code] ? { status: STATUS_NAMES[code] } : {}),
      },
    },
    extra.headers,
  );
}
