import { describe, expect, it } from "vitest";
import { GoogleError, toGoogleError } from "@/providers/google/errors";

/** A gaxios-shaped error, including the request config that holds secrets. */
function httpError(status: number, data: unknown) {
  return Object.assign(new Error("Request failed"), {
    name: "GaxiosError",
    status,
    response: { status, data },
    config: {
      headers: { Authorization: "Bearer ya29.SECRET-ACCESS" },
      data: "client_secret=GOCSPX-SECRET&refresh_token=1//SECRET-REFRESH",
    },
  });
}

const oauthError = (error: string) => ({ error, error_description: "details" });
const apiError = (code: number, reason: string, domain = "global") => ({
  error: { code, message: "msg", errors: [{ domain, reason, message: "msg" }] },
});

describe("toGoogleError", () => {
  it.each([
    ["oauth.refresh", 400, oauthError("invalid_grant"), "invalid_grant"],
    ["oauth.exchangeCode", 400, oauthError("redirect_uri_mismatch"), "invalid_request"],
    ["oauth.exchangeCode", 401, oauthError("invalid_client"), "invalid_request"],
    ["oauth.refresh", 503, oauthError("temporarily_unavailable"), "unavailable"],
    ["calendar.freeBusy", 401, apiError(401, "authError"), "unauthorized"],
    ["calendar.freeBusy", 403, apiError(403, "userRateLimitExceeded", "usageLimits"), "rate_limited"],
    ["calendar.freeBusy", 403, apiError(403, "rateLimitExceeded", "usageLimits"), "rate_limited"],
    ["calendar.events.insert", 403, apiError(403, "insufficientPermissions"), "invalid_request"],
    ["calendar.events.insert", 404, apiError(404, "notFound"), "invalid_request"],
    ["calendar.events.insert", 408, "timeout", "unavailable"],
    ["calendar.events.insert", 429, apiError(429, "rateLimitExceeded", "usageLimits"), "rate_limited"],
    ["calendar.events.insert", 500, apiError(500, "backendError"), "unavailable"],
    ["calendar.events.insert", 502, "<html>Bad Gateway</html>", "unavailable"],
  ] as const)("%s: HTTP %i %j is %s", (operation, status, data, kind) => {
    const error = toGoogleError(httpError(status, data), operation);
    expect(error).toBeInstanceOf(GoogleError);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
  });

  it("reads Google's reason and message into the error", () => {
    const error = toGoogleError(httpError(409, apiError(409, "duplicate")), "calendar.events.insert");
    expect(error).toMatchObject({ reason: "duplicate", operation: "calendar.events.insert" });
    expect(error.message).toBe("Google calendar.events.insert failed with HTTP 409 (duplicate): msg");
  });

  it("treats network failures and timeouts as unavailable", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(toGoogleError(refused, "oauth.refresh")).toMatchObject({ kind: "unavailable", reason: "ECONNREFUSED" });
    const aborted = new Error("The operation was aborted.", { cause: Object.assign(new Error("aborted"), { name: "AbortError" }) });
    const timeout = toGoogleError(aborted, "calendar.freeBusy");
    expect(timeout).toMatchObject({ kind: "unavailable", reason: "timeout" });
    expect(timeout.message).toMatch(/timed out/);
  });

  it("never carries the request's secrets", () => {
    const error = toGoogleError(httpError(400, oauthError("invalid_grant")), "oauth.refresh");
    const visible = JSON.stringify({ ...error, message: error.message, cause: error.cause, stack: error.stack });
    expect(visible).not.toMatch(/SECRET/);
  });

  it("is retryable only for unavailable and rate_limited", () => {
    expect(new GoogleError("unavailable", "x").retryable).toBe(true);
    expect(new GoogleError("rate_limited", "x").retryable).toBe(true);
    expect(new GoogleError("invalid_grant", "x").retryable).toBe(false);
    expect(new GoogleError("unauthorized", "x").retryable).toBe(false);
  });
});
