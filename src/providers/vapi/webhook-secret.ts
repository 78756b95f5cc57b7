import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Checks the `x-vapi-secret` header Vapi sends from the assistant's `server.headers`.
 * Constant time: both sides are hashed to equal-length digests before `timingSafeEqual`, so
 * neither the content nor the length of the configured secret leaks.
 * Fails closed: false when the header or the configured secret is missing or empty.
 */
export function verifyVapiSecret(headerValue: string | null | undefined, configuredSecret: string | null | undefined): boolean {
  if (!headerValue || !configuredSecret) return false;
  return timingSafeEqual(digest(headerValue), digest(configuredSecret));
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
