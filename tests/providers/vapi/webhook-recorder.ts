import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { parseVapiMessage, type ToolCallOutcome, type ToolCallRequest, toolCallResponse } from "@/providers/vapi/webhook-schemas";

/**
 * A tiny stand-in for our Vapi webhook: records every request it receives and answers
 * `tool-calls` through `answerTool` (default: a single-line text naming the tool and its arguments).
 */

interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface WebhookRecorder {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export type ToolAnswer = (toolCall: ToolCallRequest) => ToolCallOutcome;

const defaultAnswer: ToolAnswer = (toolCall) => ({
  toolCallId: toolCall.id,
  name: toolCall.name,
  result: `${toolCall.name} done\nwith ${JSON.stringify(toolCall.arguments)}`,
});

export async function startWebhookRecorder(answerTool: ToolAnswer = defaultAnswer): Promise<WebhookRecorder> {
  const received: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    received.push({ headers: req.headers, body });
    const parsed = parseVapiMessage(body);
    const answer =
      parsed.ok && parsed.message.type === "tool-calls" ? toolCallResponse(parsed.message.toolCalls.map(answerTool)) : { ok: true };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/vapi`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
