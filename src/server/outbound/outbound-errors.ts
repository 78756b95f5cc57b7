/**
 * Why the guarded client did not fetch. "refused": the guard stopped it before or while
 * connecting (origin not allowed, an address that is not public, a redirect, too large).
 * "failed": the upstream did not answer properly in time (connection error, time limit).
 */
export class OutboundError extends Error {
  constructor(
    readonly kind: "refused" | "failed",
    readonly reason: string,
  ) {
    super(`outbound request ${kind}: ${reason}`);
    this.name = "OutboundError";
  }
}
