/**
 * `POST {apiUrl}/call` over plain fetch: the SDK's create-call type lacks the bypass fields and
 * its client retries by default.
 *
 * Contract: exactly one HTTP request per call (never retried: a retry can create a second Vapi
 * call), aborted after `timeoutMs`; never throws; the result says what happened.
 */

import "server-only";

interface CreateVapiCallBody {
  phoneCallProviderBypassEnabled: true;
  phoneNumberId: string;
  customer: { number: string };
  assistant: Record<string, unknown>;
}

export interface CreateVapiCallInput {
  /** Base URL without a trailing path, e.g. https://api.vapi.ai or the emulator's url. */
  apiUrl: string;
  apiKey: string;
  timeoutMs: number;
  body: CreateVapiCallBody | Record<string, unknown>;
}

type CreateVapiCallFailure = "timeout" | "http_error" | "invalid_response" | "network";

export type CreateVapiCallResult =
  | { ok: true; callId: string; twiml: string }
  | { ok: false; reason: CreateVapiCallFailure; status?: number; detail: string };

const MAX_DETAIL_CHARS = 500;

export async function createVapiCall(input: CreateVapiCallInput): Promise<CreateVapiCallResult> {
  const url = `${input.apiUrl.replace(/\/+$/, "")}/call`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${input.apiKey}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify(input.body),
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    // The body read counts against the same timeout: the signal stays attached to the response.
    text = await response.text();
  } catch (error) {
    return requestFailure(error, input.timeoutMs);
  }

  if (!response.ok) {
    return { ok: false, reason: "http_error", status: response.status, detail: truncate(text) };
  }
  return parseCreatedCall(response.status, text);
}

function parseCreatedCall(status: number, text: string): CreateVapiCallResult {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return { ok: false, reason: "invalid_response", status, detail: `body is not JSON: ${truncate(text)}` };
  }
  const callId = stringAt(payload, ["id"]);
  const twiml = stringAt(payload, ["phoneCallProviderDetails", "twiml"]);
  if (!callId) return { ok: false, reason: "invalid_response", status, detail: "response has no call id" };
  if (!twiml?.includes("<Response")) {
    return { ok: false, reason: "invalid_response", status, detail: "response has no phoneCallProviderDetails.twiml" };
  }
  return { ok: true, callId, twiml };
}

function requestFailure(error: unknown, timeoutMs: number): CreateVapiCallResult {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return { ok: false, reason: "timeout", detail: `no complete answer within ${timeoutMs} ms` };
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, reason: "network", detail: truncate(`${message}${cause}`) };
}

function stringAt(value: unknown, path: string[]): string | undefined {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === "string" && current.trim() !== "" ? current : undefined;
}

function truncate(text: string): string {
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}...` : text;
}

export type DeleteVapiCallResult = { ok: true } | { ok: false; status?: number; detail: string };

/**
 * `DELETE {apiUrl}/call/{id}` (Vapi's CallController_deleteCallData: the call and its artifacts,
 * recordings included; the body is the required DeleteCallDTO, empty for one call). A 404 means
 * Vapi no longer has it: done. A 503 ("Failed to erase call recordings; the call was not
 * deleted") or any other failure is reported, never thrown; the caller records it and tries again.
 */
export async function deleteVapiCall(input: {
  apiUrl: string;
  apiKey: string;
  timeoutMs: number;
  callId: string;
}): Promise<DeleteVapiCallResult> {
  const url = `${input.apiUrl.replace(/\/+$/, "")}/call/${encodeURIComponent(input.callId)}`;
  try {
    const response = await fetch(url, {
      method: "DELETE",
      headers: { authorization: `Bearer ${input.apiKey}`, "content-type": "application/json", accept: "application/json" },
      body: "{}",
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    const text = await response.text();
    if (response.ok || response.status === 404) return { ok: true };
    return { ok: false, status: response.status, detail: truncate(text) };
  } catch (error) {
    const failure = requestFailure(error, input.timeoutMs);
    return { ok: false, detail: failure.ok ? "" : failure.detail };
  }
}
