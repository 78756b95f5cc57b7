import { createHash } from "node:crypto";

/**
 * The job id of a per-key job: a UUID derived from the type and the key, so enqueueing the same
 * key twice names the same job and pg-boss keeps the first (`send` answers null for the second).
 */
export function jobIdForKey(type: string, key: string): string {
  const hex = createHash("sha256").update(`${type}\u0000${key}`).digest("hex");
  // Shaped as a version-5-style UUID (name-based), which is what it is.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
