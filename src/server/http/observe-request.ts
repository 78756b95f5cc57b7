import { callWorkStarted, isCallRoute } from "@/server/http/event-loop-load";
import { runWithLogContext } from "@/server/log-context";
import { getMetrics } from "@/server/metrics/registry";
import { requestIdFor } from "./request-id";

/**
 * Serves one API request observed: it runs with a request id that every log line written meanwhile
 * carries (log-context.ts) and that the response returns as `x-request-id`, and its route
 * pattern, status and latency go to /metrics. Used by the route wrapper (handler.ts) and by
 * `observed` for the routes that do not use it (webhooks, health).
 */
export async function observeRequest(req: Request, route: string, serve: () => Promise<Response>): Promise<Response> {
  const requestId = requestIdFor(req.headers.get("x-request-id"));
  const stop = getMetrics().httpRequestDuration.startTimer({ method: req.method, route });
  // While a call's webhook is handled, the dashboard's heavy work and log-ins wait their turn (event-loop-load.ts).
  const callEnded = isCallRoute(route) ? callWorkStarted() : undefined;
  let response: Response;
  try {
    response = await runWithLogContext({ requestId }, serve);
  } catch (error) {
    stop({ status: "500" }); // Next answers 500 for what a handler throws
    throw error;
  } finally {
    callEnded?.();
  }
  stop({ status: String(response.status) });
  return withRequestId(response, requestId);
}

/** A route handler for a fixed route pattern, observed as above. */
export function observed(route: string, handler: (req: Request) => Promise<Response>): (req: Request) => Promise<Response> {
  return (req) => observeRequest(req, route, () => handler(req));
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
    return response;
  } catch {
    // Immutable headers (Response.redirect, a fetched response): copy them into a new response.
    const headers = new Headers(response.headers);
    headers.set("x-request-id", requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
