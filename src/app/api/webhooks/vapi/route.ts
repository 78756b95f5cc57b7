import { parseVapiWebhookBody, verifyVapiSecret } from "@/providers/vapi/webhook-schemas";
import { handleVapiMessage } from "@/server/calls/handle-vapi-message";
import { getConfig } from "@/server/config";
import { jsonError } from "@/server/http/error-response";
import { json } from "@/server/http/json";
import { observed } from "@/server/http/observe-request";
import { BODY_LIMITS, PayloadTooLargeError, readBodyText } from "@/server/http/read-body";
import { describeError, log } from "@/server/log";
import { bindCallToLogContext } from "@/server/log-context";
import { countWebhookMessage } from "@/server/metrics/count-webhook-message";

export const dynamic = "force-dynamic";

/** Our call id, as the assistant's metadata carries it (anything else is not logged as one). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Vapi's server URL for every transient assistant. Verified by `x-vapi-secret` (constant time,
 * fails closed), parsed with zod; unknown message types get 200 so Vapi stops sending them.
 */
export const POST = observed("/api/webhooks/vapi", receiveMessage);

async function receiveMessage(req: Request) {
  const secret = getConfig().vapi.webhookSecret;
  if (!secret) {
    log.error("Vapi webhook refused: VAPI_WEBHOOK_SECRET is not configured");
    return jsonError("unauthenticated", "This webhook is not configured.");
  }
  if (!verifyVapiSecret(req.headers.get("x-vapi-secret"), secret)) {
    countWebhookMessage("vapi", "refused");
    await req.body?.cancel().catch(() => undefined);
    return jsonError("unauthenticated", "Missing or wrong x-vapi-secret.");
  }
  let body: string;
  try {
    body = await readBodyText(req, BODY_LIMITS.vapiWebhook);
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    countWebhookMessage("vapi", "invalid");
    return jsonError(error.code, error.message, error.details);
  }
  const parsed = parseVapiWebhookBody(body);
  if (!parsed.ok) {
    countWebhookMessage("vapi", "invalid");
    return jsonError("malformed_request", parsed.error);
  }
  const ourCallId = "metadata" in parsed.message ? parsed.message.metadata?.call_id : undefined;
  bindCallToLogContext({
    vapiCallId: parsed.message.callId,
    callId: typeof ourCallId === "string" && UUID.test(ourCallId) ? ourCallId : undefined,
  });
  try {
    const answer = await handleVapiMessage(parsed.message);
    countWebhookMessage("vapi", "handled");
    return json(answer);
  } catch (error) {
    countWebhookMessage("vapi", "failed");
    log.error({ type: parsed.message.type, err: describeError(error) }, "Vapi message failed");
    return jsonError("internal", "Could not process the message; please retry.");
  }
}
