import * as vapiRoute from "@/app/api/webhooks/vapi/route";
import { signTwilioRequest } from "@/providers/twilio/signature";
import { BASE_URL } from "./api";

export type RouteHandler = (req: Request) => Promise<Response>;

/**
 * Twilio's and Vapi's webhooks as a test sends them, signed with secrets named after the suite:
 * `env` configures the app with those secrets (and a Vapi API where nothing listens, so anything
 * that reaches Vapi fails fast; demo mode off), `twilio` posts a signed form, `vapi` a JSON body
 * with the webhook secret.
 *
 *   const webhooks = signedWebhooks("bad-input");
 *   const test = useTestApp({ jobs: "enqueue", env: () => webhooks.env });
 *   await webhooks.twilio(statusRoute.POST, "/api/webhooks/twilio/status", { CallSid: "CA1" });
 */
export function signedWebhooks(suite: string) {
  const twilioToken = `${suite}-twilio-token`;
  const vapiSecret = `${suite}-vapi-webhook-secret`;
  return {
    env: {
      TWILIO_AUTH_TOKEN: twilioToken,
      VAPI_API_KEY: `${suite}-key`,
      VAPI_API_URL: "http://127.0.0.1:9",
      VAPI_WEBHOOK_SECRET: vapiSecret,
      VAPI_CALL_TIMEOUT_MS: "500",
      DEMO: "0",
    },
    twilio(handler: RouteHandler, pathAndQuery: string, params: Record<string, string>): Promise<Response> {
      const url = `${BASE_URL}${pathAndQuery}`;
      return handler(
        new Request(url, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-twilio-signature": signTwilioRequest({ authToken: twilioToken, url, params }),
          },
          body: new URLSearchParams(params),
        }),
      );
    },
    vapi(body: string): Promise<Response> {
      return vapiRoute.POST(
        new Request(`${BASE_URL}/api/webhooks/vapi`, {
          method: "POST",
          headers: { "x-vapi-secret": vapiSecret, "content-type": "application/json" },
          body,
        }),
      );
    },
  };
}
