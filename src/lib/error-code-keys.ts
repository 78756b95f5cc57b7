import type { MessageKey } from "@/i18n/keys";
import type { ApiError } from "./api-client";

/** The catalogue text of every code the browser can see (src/shared/error-codes.ts plus the client's own two). */
export const errorCodeKeys = {
  malformed_request: "errors.code.malformed_request",
  unauthenticated: "errors.code.unauthenticated",
  forbidden: "errors.code.forbidden",
  not_found: "errors.code.not_found",
  conflict: "errors.code.conflict",
  gone: "errors.code.gone",
  invalid_input: "errors.code.invalid_input",
  payload_too_large: "errors.code.payload_too_large",
  rate_limited: "errors.code.rate_limited",
  internal: "errors.code.internal",
  provider_unavailable: "errors.code.provider_unavailable",
  database_unavailable: "errors.code.database_unavailable",
  busy: "errors.code.busy",
  network: "errors.code.network",
  bad_response: "errors.code.bad_response",
} as const satisfies Record<ApiError["code"], MessageKey>;
