import "server-only";
import type { BucketRule, ThrottleDecision } from "@/server/auth/login-throttle";
import { DomainError } from "@/server/errors";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reset requests from one address: generous (a clinic behind one NAT), then growing delays. */
export const RESET_ADDRESS_RULE: BucketRule = { free: 20, firstDelayMs: 1000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: DAY_MS };
/** Reset emails to one address: 3 free, then a minute, two, four ... up to an hour between them. */
export const RESET_EMAIL_RULE: BucketRule = { free: 3, firstDelayMs: 60 * 1000, maxDelayMs: 60 * 60 * 1000, forgetAfterMs: DAY_MS };
/** Two-factor codes: like the password (5 free per person and address, then 1 s, 2 s, 4 s ...). */
export const TWO_FACTOR_ADDRESS_RULE: BucketRule = { free: 30, firstDelayMs: 1000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: DAY_MS };
export const TWO_FACTOR_USER_RULE: BucketRule = { free: 5, firstDelayMs: 1000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: DAY_MS };

export function throwIfRefused(decision: ThrottleDecision, what: string): void {
  if (decision.admitted) return;
  const seconds = decision.retryAfterSeconds;
  throw new DomainError("rate_limited", `Too many ${what}. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`, {
    retry_after_seconds: seconds,
  });
}
