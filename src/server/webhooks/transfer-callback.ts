import type { z } from "zod";
import { callbackProblem } from "@/providers/twilio/callback-params";
import { describeError, log } from "@/server/log";
import { countWebhookMessage } from "@/server/metrics/count-webhook-message";
import { twimlResponse, verifiedTwilioForm } from "./twilio-request";

type Kind = Parameters<typeof countWebhookMessage>[0];

/**
 * The shape every transfer callback shares: verify the signature (403), read the query and the
 * form (400 with the first problem), run the decision (404 when it names nothing we know), and
 * answer its TwiML. A failure of ours answers `onError`'s TwiML with 200, never a 5xx: the caller
 * is on the line.
 */
export async function transferCallback<Q extends z.ZodType, F extends z.ZodType>(
  req: Request,
  kind: Kind,
  schemas: { query: Q; form: F },
  decide: (query: z.infer<Q>, form: z.infer<F>) => Promise<string | null>,
  onError: () => string,
): Promise<Response> {
  const verified = await verifiedTwilioForm(req);
  if (!verified.ok) {
    countWebhookMessage(kind, "refused");
    return verified.response;
  }
  const query = schemas.query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  const form = schemas.form.safeParse(verified.params);
  if (!query.success || !form.success) {
    countWebhookMessage(kind, "invalid");
    const problem = !query.success ? callbackProblem(query.error) : callbackProblem((form as { error: z.ZodError }).error);
    return new Response(problem, { status: 400, headers: { "content-type": "text/plain" } });
  }
  try {
    const twiml = await decide(query.data, form.data);
    if (twiml === null) {
      countWebhookMessage(kind, "ignored");
      return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
    }
    countWebhookMessage(kind, "applied");
    return twimlResponse(twiml);
  } catch (error) {
    countWebhookMessage(kind, "failed");
    log.error({ path: new URL(req.url).pathname, err: describeError(error) }, "transfer callback failed; the caller gets the fallback");
    return twimlResponse(onError());
  }
}
