import { randomUUID } from "node:crypto";

/** A caller's (load balancer's, proxy's) request id is kept only if it is a short, safe token. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The id this request's log lines and its `x-request-id` response header carry. */
export function requestIdFor(incoming: string | null): string {
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
