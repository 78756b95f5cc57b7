import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Authenticated encryption for secrets at rest (OAuth tokens): AES-256-GCM under a 32-byte key
 * given as base64 (ENCRYPTION_KEY).
 *
 * Stored format, one ASCII string: `v1.<iv>.<tag>.<ciphertext>`, each part base64url without
 * padding; iv is 12 random bytes, tag 16 bytes. The `v1.` prefix is what the database's check
 * constraints look for, and leaves room for a later format (for example one naming a key id for
 * rotation).
 *
 * Associated data (`aad`) binds a ciphertext to its context, for example the organisation id:
 * a value copied into another organisation's row then fails to decrypt instead of silently
 * working there. The same `aad` must be given to decrypt. An empty string is the same as none.
 */

const FORMAT_VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBoxOptions {
  /** Associated data authenticated with the ciphertext but not stored in it. */
  aad?: string;
}

export type SecretBoxFailure = "invalid_key" | "malformed" | "authentication_failed";

/** Thrown by encryptSecret/decryptSecret. The message never contains the key or the value. */
export class SecretBoxError extends Error {
  constructor(
    readonly reason: SecretBoxFailure,
    message: string,
  ) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** Encrypts `plaintext` with a fresh random IV: the same input gives a different output each time. */
export function encryptSecret(plaintext: string, keyBase64: string, options: SecretBoxOptions = {}): string {
  const key = decodeKey(keyBase64);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  if (options.aad) cipher.setAAD(Buffer.from(options.aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT_VERSION, toBase64Url(iv), toBase64Url(tag), toBase64Url(ciphertext)].join(".");
}

/**
 * Decrypts a value made by encryptSecret. Throws SecretBoxError `authentication_failed` when the
 * key or the associated data differ or any byte was altered (GCM cannot tell these apart), and
 * `malformed` when the value is not in the v1 format at all.
 */
export function decryptSecret(value: string, keyBase64: string, options: SecretBoxOptions = {}): string {
  const key = decodeKey(keyBase64);
  const { iv, tag, ciphertext } = parseSealedValue(value);
  // authTagLength pins the tag size: without it Node accepts truncated tags, which weakens GCM.
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  if (options.aad) decipher.setAAD(Buffer.from(options.aad, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      "authentication_failed",
      "Secret could not be decrypted: wrong key, wrong associated data, or the stored value was altered",
    );
  }
}

/** True when `value` has the shape of a v1 ciphertext (says nothing about which key made it). */
export function isSealedSecret(value: string): boolean {
  try {
    parseSealedValue(value);
    return true;
  } catch {
    return false;
  }
}

function decodeKey(keyBase64: string): Buffer {
  const key = Buffer.from(keyBase64, "base64");
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError("invalid_key", `Encryption key must be ${KEY_BYTES} bytes encoded as base64`);
  }
  return key;
}

const BASE64URL_PART = /^[A-Za-z0-9_-]*$/;

function parseSealedValue(value: string): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = value.split(".");
  const [version, iv, tag, ciphertext] = parts;
  if (
    parts.length !== 4 ||
    version !== FORMAT_VERSION ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined ||
    ![iv, tag, ciphertext].every((part) => BASE64URL_PART.test(part))
  ) {
    throw new SecretBoxError("malformed", "Not a v1 encrypted secret (expected v1.<iv>.<tag>.<ciphertext>)");
  }
  const decoded = {
    iv: Buffer.from(iv, "base64url"),
    tag: Buffer.from(tag, "base64url"),
    ciphertext: Buffer.from(ciphertext, "base64url"),
  };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) {
    throw new SecretBoxError("malformed", "Encrypted secret has a wrong IV or tag length");
  }
  return decoded;
}

function toBase64Url(bytes: Buffer): string {
  return bytes.toString("base64url");
}
