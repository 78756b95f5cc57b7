import { getConfig } from "@/server/config";
import { handleVapiMessage } from "@/server/calls/handle-vapi-message";
import { jsonError } from "@/server/http/error-response";
import { json } from "@/server/http/json";
import { describeError, log } from "@/server/log";
import { parseVapiWebhookBody, verifyVapiSecret } from "@/providers/vapi/webhook-schemas";

export const dynamic = "force-dynamic";

/**
 * Vapi's server URL for every transient assistant. Verified by `x-vapi-secret` (constant time,
 * fails closed), parsed with zod; unknown message types get 200 so Vapi stops sending them.
 */
export async function POST(req: Request) {
  const secret = getConfig().vapi.webhookSecret;
  if (!secret) {
    log.error("Vapi webhook refused: VAPI_WEBHOOK_SECRET is not configured");
    return jsonError("unauthenticated", "This webhook is not configured.");
  }
  if (!verifyVapiSecret(req.headers.get("x-vapi-secret"), secret)) {
    return jsonError("unauthenticated", "Missing or wrong x-vapi-secret.");
  }
  const parsed = parseVapiWebhookBody(await req.text());
  if (!parsed.ok) return jsonError("malformed_request", parsed.error);
  try {
    return json(await handleVapiMessage(parsed.message));
  } catch (error) {
    log.error({ type: parsed.message.type, err: describeError(error) }, "Vapi message failed");
    return jsonError("internal", "Could not process the message; please retry.");
  }
}
