import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { emulatorLog } from "../../emulator-log";
import { warmUpVapiValidators } from "../openapi";
import { assistantServer } from "./assistant-view";
import { type ConversationResult, type ConversationScript, runScriptedConversation } from "./conversation";
import { callResource, handleCreateCall } from "./create-call";
import { sendJson, sendText, sendVapiError } from "./http";
import type { ServerMessageBody } from "./server-messages";
import type { EmulatorBehaviour, VapiEmulatorState, WebhookDelivery } from "./types";
import { recordingWav } from "./wav";

/**
 * A Vapi emulator: a real HTTP server on loopback speaking the parts of Vapi's contract we use.
 *
 * - `POST /call` (see create-call.ts), `GET /call` and `GET /call/:id` (Bearer key), `GET /recordings/<id>[-mono|
 *   -assistant|-customer].wav` (a small valid WAV for known calls, no auth, like presigned URLs).
 * - `DELETE /call/:id` (Bearer key, a DeleteCallDTO body): forgets the call and its recordings.
 * - `runConversation(callId, script)` drives a scripted call against the assistant's `server.url`
 *   with its `server.headers` (that is how `x-vapi-secret` arrives), see conversation.ts.
 * - `redeliver(delivery)` sends a recorded message again, as a duplicate delivery would.
 *
 * Test and demo tooling: it keeps everything in memory and is never used in production.
 */

export interface VapiEmulatorOptions {
  apiKey: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Compile the OpenAPI validators before listening, so the first call is not slow (default true). */
  warmUp?: boolean;
  /**
   * Calls kept in memory (and listed by `GET /call`), the oldest forgotten first; default all.
   * For the bench's load runs: thousands of kept assistants made the emulator's heap, and its
   * collections, grow, and each collection paused whatever calls were being created then.
   */
  keepCalls?: number;
}

export interface VapiEmulator {
  /** http://127.0.0.1:<port>, the value for VAPI_API_URL. */
  url: string;
  state: VapiEmulatorState;
  setBehaviour(behaviour: EmulatorBehaviour): void;
  /** While true, DELETE /call/{id} answers 503 and deletes nothing. */
  setFailDeletes(fail: boolean): void;
  runConversation(callId: string, script: ConversationScript): Promise<ConversationResult>;
  redeliver(delivery: WebhookDelivery): Promise<WebhookDelivery>;
  /** Forgets calls, deliveries and the request count; behaviour back to normal. */
  reset(): void;
  close(): Promise<void>;
}

export async function startVapiEmulator(options: VapiEmulatorOptions): Promise<VapiEmulator> {
  if (options.warmUp !== false) warmUpVapiValidators();
  const state: VapiEmulatorState = {
    createCallRequests: 0,
    callsCreated: 0,
    calls: [],
    deliveries: [],
    deleteCallRequests: [],
    deletedCallIds: [],
  };
  let failDeletes = false;
  const orgId = randomUUID();
  let behaviour: EmulatorBehaviour = { kind: "normal" };
  let url = "";

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      emulatorLog.error({ err: error }, "vapi emulator: request failed");
      if (!res.headersSent) sendVapiError(res, 500, "Internal server error");
      else res.destroy();
    });
  });
  // Vapi keeps idle connections open for minutes. Node's default of 5 s closes a pooled socket
  // while a busy client is about to reuse it, and that request fails with ECONNRESET.
  server.keepAliveTimeout = 120_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://emulator").pathname;
    if (req.method === "POST" && path === "/call") {
      return handleCreateCall(req, res, {
        apiKey: options.apiKey,
        orgId,
        streamOrigin: url.replace(/^http/, "ws"),
        behaviour: () => behaviour,
        state,
        keepCalls: options.keepCalls ?? Number.POSITIVE_INFINITY,
      });
    }
    if (req.method === "GET" && path === "/call") {
      // Vapi's GET /call lists the organisation's calls (newest first).
      if (req.headers.authorization !== `Bearer ${options.apiKey}`) return sendVapiError(res, 401, "Invalid Key.");
      return sendJson(res, 200, [...state.calls].reverse().map(callResource));
    }
    const callMatch = /^\/call\/([^/]+)$/.exec(path);
    if (req.method === "GET" && callMatch) {
      if (req.headers.authorization !== `Bearer ${options.apiKey}`) return sendVapiError(res, 401, "Invalid Key.");
      const call = state.calls.find((candidate) => candidate.id === callMatch[1]);
      return call ? sendJson(res, 200, callResource(call)) : sendVapiError(res, 404, "Call not found");
    }
    // Vapi's DELETE /call/{id}: the call and its recordings go (they answer 404 afterwards). The
    // body is the required DeleteCallDTO (a JSON object). `failDeletes` answers 503 as Vapi does
    // when it could not erase the recordings.
    if (req.method === "DELETE" && callMatch) {
      if (req.headers.authorization !== `Bearer ${options.apiKey}`) return sendVapiError(res, 401, "Invalid Key.");
      const body = await readJsonObject(req);
      if (!body) return sendVapiError(res, 400, "Send a DeleteCallDTO (a JSON object).");
      const id = callMatch[1] ?? "";
      state.deleteCallRequests.push(id);
      if (failDeletes) return sendVapiError(res, 503, "Failed to erase call recordings; the call was not deleted. Retry the request.");
      const index = state.calls.findIndex((candidate) => candidate.id === id);
      if (index < 0) return sendVapiError(res, 404, "Call not found");
      const [deleted] = state.calls.splice(index, 1);
      state.deletedCallIds.push(id);
      return sendJson(res, 200, callResource(deleted!));
    }
    // Stand-in for Twilio opening the media stream the TwiML names: the caller's words arrive as
    // JSON ({callerSays: [...], callerName?}) and the scripted conversation runs to the end.
    const streamMatch = /^\/call\/([^/]+)\/stream$/.exec(path);
    if (req.method === "POST" && streamMatch) {
      const script = await readStreamScript(req);
      if (!script) return sendVapiError(res, 400, 'Send {"callerSays": ["..."]}');
      const callId = streamMatch[1] ?? "";
      if (!state.calls.some((call) => call.id === callId)) return sendVapiError(res, 404, "Call not found");
      const result = await runConversationFor(callId, script);
      return sendJson(res, 200, result);
    }
    const recordingMatch = /^\/recordings\/([0-9a-f-]{36})(?:-mono|-assistant|-customer)?\.wav$/.exec(path);
    const recorded = recordingMatch ? state.calls.find((call) => call.id === recordingMatch[1]) : undefined;
    if (req.method === "GET" && recorded) return sendText(res, 200, "audio/wav", recordingWav(recorded.recording));
    return sendVapiError(res, 404, `Cannot ${req.method ?? "GET"} ${path}`);
  }

  async function deliver(
    callId: string,
    target: { url: string; headers: Record<string, string>; timeoutSeconds: number },
    body: ServerMessageBody,
  ): Promise<WebhookDelivery> {
    const type = String(body.message.type);
    let delivery: WebhookDelivery;
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: { ...target.headers, "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(target.timeoutSeconds * 1000),
      });
      const text = await response.text();
      delivery = { callId, type, url: target.url, sent: body, status: response.status, response: parseJsonOrText(text) };
    } catch (error) {
      delivery = { callId, type, url: target.url, sent: body, status: 0, response: error instanceof Error ? error.message : String(error) };
    }
    state.deliveries.push(delivery);
    return delivery;
  }

  function targetFor(callId: string) {
    const call = state.calls.find((candidate) => candidate.id === callId);
    if (!call) throw new Error(`vapi emulator: no call ${callId}`);
    const target = assistantServer(call.assistant);
    if (!target) throw new Error(`vapi emulator: call ${callId} has no assistant.server.url to talk to`);
    return { call, target };
  }

  async function runConversationFor(callId: string, script: ConversationScript): Promise<ConversationResult> {
    const { call, target } = targetFor(callId);
    return runScriptedConversation(
      {
        call,
        recordingBaseUrl: url,
        deliver: (body) => deliver(callId, target, body),
        newToolCallId: () => `call_${randomUUID().replace(/-/g, "").slice(0, 24)}`,
      },
      script,
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    state,
    setBehaviour(next) {
      behaviour = next;
    },
    setFailDeletes(fail) {
      failDeletes = fail;
    },
    runConversation: runConversationFor,
    async redeliver(delivery) {
      const { target } = targetFor(delivery.callId);
      return deliver(delivery.callId, { ...target, url: delivery.url }, delivery.sent as ServerMessageBody);
    },
    reset() {
      state.createCallRequests = 0;
      state.callsCreated = 0;
      state.calls.length = 0;
      state.deliveries.length = 0;
      state.deleteCallRequests.length = 0;
      state.deletedCallIds.length = 0;
      behaviour = { kind: "normal" };
      failDeletes = false;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readStreamScript(req: IncomingMessage): Promise<ConversationScript | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      callerSays?: unknown;
      callerName?: unknown;
      endedReason?: unknown;
      toolArguments?: unknown;
    };
    if (!Array.isArray(body.callerSays) || !body.callerSays.every((s) => typeof s === "string" && s.length > 0)) return null;
    return {
      callerSays: body.callerSays as string[],
      ...(typeof body.callerName === "string" && { callerName: body.callerName }),
      // Vapi failing mid-call ("pipeline-error-...") and a tool's arguments, for tests and demos.
      ...(typeof body.endedReason === "string" && /^[a-z0-9.-]{1,100}$/.test(body.endedReason) && { endedReason: body.endedReason }),
      ...(typeof body.toolArguments === "object" &&
        body.toolArguments !== null &&
        !Array.isArray(body.toolArguments) && { toolArguments: body.toolArguments as Record<string, Record<string, unknown>> }),
    };
  } catch {
    return null;
  }
}

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
