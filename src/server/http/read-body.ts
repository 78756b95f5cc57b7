import { DomainError } from "@/server/errors";

/**
 * The largest body each kind of route reads (documented in docs/api.md). A JSON API request
 * is a form's worth of fields; Twilio's form webhooks are a few kilobytes; a Vapi end-of-call
 * report carries the whole transcript, messages and our assistant, tens to a few hundred
 * kilobytes for a long call.
 */
export const BODY_LIMITS = {
  json: 1024 * 1024,
  twilioForm: 64 * 1024,
  vapiWebhook: 5 * 1024 * 1024,
  stripeWebhook: 1024 * 1024,
} as const;

export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super("payload_too_large", `The request body is larger than the ${formatBytes(limitBytes)} this endpoint accepts.`, {
      limit_bytes: limitBytes,
    });
  }
}

/**
 * Reads a request body as UTF-8 text, counting as it goes: a declared Content-Length over the
 * limit is refused before a byte is read, and a stream that runs past it is cancelled there.
 * Never more than `limitBytes` is held in memory.
 */
export async function readBodyText(req: Request, limitBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await req.body?.cancel().catch(() => undefined);
    throw new PayloadTooLargeError(limitBytes);
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}
