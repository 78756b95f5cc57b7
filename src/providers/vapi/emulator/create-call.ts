import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { validateCreateCall } from "../openapi";
import { readBody, sendJson, sendText, sendVapiError, sleep } from "./http";
import type { EmulatedCall, EmulatorBehaviour, VapiEmulatorState } from "./types";

/**
 * `POST /call` as Vapi answers it. In order: count the request; apply the `slow` delay; refuse
 * with 401 (behaviour `unauthorized`, or a Bearer key other than the configured one); answer
 * 500 or garbage when told to; reject with 400 a body that is not JSON, fails CreateCallDTO
 * (unknown properties included, like the real API), or names no assistant; otherwise create the
 * call and answer 201. A bypass call (`phoneCallProviderBypassEnabled: true`) is inbound and
 * carries `phoneCallProviderDetails.twiml`; without bypass Vapi would dial out, so no TwiML.
 */

export interface CreateCallContext {
  apiKey: string;
  orgId: string;
  /** ws(s) origin used in the TwiML's <Stream url>. */
  streamOrigin: string;
  behaviour: () => EmulatorBehaviour;
  state: VapiEmulatorState;
  /** At most this many calls are kept in `state.calls`, the oldest forgotten first. */
  keepCalls: number;
}

const INVALID_KEY = "Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.";
const ASSISTANT_SOURCES = ["assistant", "assistantId", "squad", "squadId", "workflow", "workflowId"];

export async function handleCreateCall(req: IncomingMessage, res: ServerResponse, context: CreateCallContext): Promise<void> {
  context.state.createCallRequests += 1;
  const text = await readBody(req);
  const behaviour = context.behaviour();
  if (behaviour.kind === "slow") await sleep(behaviour.delayMs);
  if (behaviour.kind === "unauthorized" || req.headers.authorization !== `Bearer ${context.apiKey}`) {
    return sendVapiError(res, 401, INVALID_KEY);
  }
  if (behaviour.kind === "fail") return sendVapiError(res, 500, "Internal server error");
  if (behaviour.kind === "garbage" && behaviour.variant !== "no-twiml") {
    return sendText(res, 200, "text/html; charset=utf-8", "<html><body>502 Bad Gateway</body></html>");
  }
  if (text === undefined) return sendVapiError(res, 413, "request entity too large");

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return sendVapiError(res, 400, "Unexpected token in JSON body");
  }
  const validation = validateCreateCall(body);
  if (!validation.ok) return sendVapiError(res, 400, validation.errors);
  const call = body as Record<string, unknown>;
  if (!ASSISTANT_SOURCES.some((key) => call[key] !== undefined)) {
    return sendVapiError(res, 400, ["Need one of assistant, assistantId, squad, squadId, workflow or workflowId"]);
  }

  const created = createCall(call, context);
  if (behaviour.kind === "garbage") {
    const { phoneCallProviderDetails: _dropped, ...withoutTwiml } = callResource(created);
    return sendJson(res, 200, withoutTwiml);
  }
  return sendJson(res, 201, callResource(created));
}

function createCall(body: Record<string, unknown>, context: CreateCallContext): EmulatedCall {
  const id = randomUUID();
  const customer = body.customer as { number?: unknown } | undefined;
  const call: EmulatedCall = {
    id,
    orgId: context.orgId,
    createdAt: new Date().toISOString(),
    status: "queued",
    phoneNumberId: typeof body.phoneNumberId === "string" ? body.phoneNumberId : undefined,
    customerNumber: typeof customer?.number === "string" ? customer.number : undefined,
    assistant: isRecord(body.assistant) ? body.assistant : undefined,
    body,
    twiml: streamTwiml(context.streamOrigin, id),
  };
  context.state.calls.push(call);
  context.state.callsCreated += 1;
  if (context.state.calls.length > context.keepCalls) context.state.calls.splice(0, context.state.calls.length - context.keepCalls);
  return call;
}

/** The call as Vapi's API shows it (POST /call, GET /call/:id). */
export function callResource(call: EmulatedCall): Record<string, unknown> {
  const bypass = call.body.phoneCallProviderBypassEnabled === true;
  return {
    id: call.id,
    orgId: call.orgId,
    createdAt: call.createdAt,
    updatedAt: call.createdAt,
    type: bypass ? "inboundPhoneCall" : "outboundPhoneCall",
    status: call.status,
    ...(call.endedReason ? { endedReason: call.endedReason } : {}),
    phoneCallProvider: "twilio",
    phoneCallTransport: "pstn",
    ...(call.phoneNumberId ? { phoneNumberId: call.phoneNumberId } : {}),
    ...(call.customerNumber ? { customer: { number: call.customerNumber } } : {}),
    ...(call.assistant ? { assistant: call.assistant } : {}),
    ...(bypass ? { phoneCallProviderDetails: { twiml: call.twiml } } : {}),
  };
}

function streamTwiml(streamOrigin: string, callId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="${streamOrigin}/call/${callId}/stream"/></Connect></Response>`;
}

/**
 * The emulated call id inside TwiML the emulator produced (what the Twilio webhook returned), so a
 * simulator can go on to `runConversation` for the call it just placed. Undefined for other TwiML.
 */
export function vapiCallIdFromTwiml(twiml: string): string | undefined {
  return /<Stream url="[^"]*\/call\/([0-9a-f-]{36})\/stream"/.exec(twiml)?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
