/**
 * The browser's way to call Clinicall's HTTP API. Same-origin, JSON in and out (snake_case),
 * never throws: every outcome, including a network failure, comes back as an ApiResult.
 *
 *   const result = await apiFetch<Member[]>("/api/organisation/members");
 *   if (result.ok) use(result.data); else show(errorText(result.error));   // useApiErrorText(): the reader's language
 */

import { type ErrorCode, type ErrorDetails, isErrorCode } from "@/shared/error-codes";

export interface ApiError {
  /** The API's closed set (src/shared/error-codes.ts), or `network` / `bad_response` from here. */
  code: ErrorCode | "network" | "bad_response";
  message: string;
  details?: ErrorDetails;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

export interface ApiFetchOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Serialised as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

const NETWORK_ERROR: ApiError = {
  code: "network",
  message: "Clinicall could not be reached. Check your connection and try again.",
};

export async function apiFetch<T = unknown>(path: string, options: ApiFetchOptions = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers:
        options.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
    });
  } catch {
    return { ok: false, status: 0, error: NETWORK_ERROR };
  }
  const payload = await readPayload(response);
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  return { ok: false, status: response.status, error: toApiError(response.status, payload) };
}

async function readPayload(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text().catch(() => "");
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  const envelope = (payload as { error?: Partial<ApiError> } | undefined)?.error;
  if (envelope && typeof envelope.message === "string") {
    return { code: isErrorCode(envelope.code) ? envelope.code : "bad_response", message: envelope.message, details: envelope.details };
  }
  return { code: codeForStatus(status), message: fallbackMessage(status) };
}

/** An answer without the envelope (a proxy's page): its status still says what kind of failure it is. */
function codeForStatus(status: number): ApiError["code"] {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 429) return "rate_limited";
  return "bad_response";
}

function fallbackMessage(status: number): string {
  if (status === 401) return "Your session has ended. Sign in again to continue.";
  if (status === 403) return "You do not have permission to do this.";
  if (status === 429) return "Too many attempts. Wait a few minutes and try again.";
  return `Something went wrong on our side (HTTP ${status}). Try again in a moment.`;
}

/** The 422 / 409 field errors of an ApiError, keyed by their path ("email", "organisation_name"). */
export function fieldErrorsOf(error: ApiError): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const field of error.details?.fields ?? []) {
    if (field && typeof field.path === "string" && !(field.path in byPath)) byPath[field.path] = field.message;
  }
  return byPath;
}
