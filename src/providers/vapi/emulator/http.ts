import type { IncomingMessage, ServerResponse } from "node:http";

/** Small node:http helpers shared by the emulators' request handlers. */

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The request body as text; undefined when it exceeds MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Vapi's API is NestJS: errors look like `{ message, error, statusCode }`, `message` a string or a list. */
export function sendVapiError(res: ServerResponse, status: number, message: string | string[]): void {
  sendJson(res, status, { message, error: HTTP_ERROR_NAMES[status] ?? "Error", statusCode: status });
}

const HTTP_ERROR_NAMES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  413: "Payload Too Large",
  500: "Internal Server Error",
};

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
