import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, isSealedSecret, SecretBoxError } from "@/server/crypto/secret-box";

const key = randomBytes(32).toString("base64");
const otherKey = randomBytes(32).toString("base64");
const organisationId = "6f1c1f2e-8a55-4a8e-9a51-0d7f0b1f2c3d";
const refreshToken = "1//0gLx-refresh-token-ünïcode-✓";

function failureOf(fn: () => unknown): SecretBoxError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretBoxError) return error;
    throw error;
  }
  throw new Error("expected a SecretBoxError");
}

/** Flips one bit of the decoded bytes of part `index` (1 = iv, 2 = tag, 3 = ciphertext). */
function flipBit(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secret box", () => {
  it("round-trips text, with and without associated data", () => {
    expect(decryptSecret(encryptSecret(refreshToken, key), key)).toBe(refreshToken);
    const bound = encryptSecret(refreshToken, key, { aad: organisationId });
    expect(decryptSecret(bound, key, { aad: organisationId })).toBe(refreshToken);
    expect(decryptSecret(encryptSecret("", key), key)).toBe("");
  });

  it("writes v1.<iv>.<tag>.<ciphertext> in unpadded base64url, never the plaintext", () => {
    const sealed = encryptSecret(refreshToken, key);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    const [, iv, tag, ciphertext] = sealed.split(".");
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
    expect(Buffer.from(ciphertext!, "base64url")).toHaveLength(Buffer.byteLength(refreshToken));
    expect(sealed).not.toContain("refresh");
    expect(isSealedSecret(sealed)).toBe(true);
    expect(isSealedSecret(refreshToken)).toBe(false);
  });

  it("uses a fresh IV every time", () => {
    const a = encryptSecret(refreshToken, key);
    const b = encryptSecret(refreshToken, key);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
  });

  it.each([
    ["iv", 1],
    ["tag", 2],
    ["ciphertext", 3],
  ])("detects a changed %s", (_part, index) => {
    const tampered = flipBit(encryptSecret(refreshToken, key), index);
    expect(failureOf(() => decryptSecret(tampered, key)).reason).toBe("authentication_failed");
  });

  it("refuses a wrong key with a clear error", () => {
    const sealed = encryptSecret(refreshToken, key);
    const error = failureOf(() => decryptSecret(sealed, otherKey));
    expect(error.reason).toBe("authentication_failed");
    expect(error.message).toMatch(/wrong key/);
    expect(error.message).not.toContain(sealed);
  });

  it("refuses wrong or missing associated data (a ciphertext moved to another organisation)", () => {
    const sealed = encryptSecret(refreshToken, key, { aad: organisationId });
    expect(failureOf(() => decryptSecret(sealed, key, { aad: "another-organisation" })).reason).toBe("authentication_failed");
    expect(failureOf(() => decryptSecret(sealed, key)).reason).toBe("authentication_failed");
    const unbound = encryptSecret(refreshToken, key);
    expect(failureOf(() => decryptSecret(unbound, key, { aad: organisationId })).reason).toBe("authentication_failed");
  });

  it("refuses values that are not in the v1 format", () => {
    const sealed = encryptSecret(refreshToken, key);
    const [, iv, tag, ciphertext] = sealed.split(".");
    const malformed = [
      refreshToken,
      "",
      `v2.${iv}.${tag}.${ciphertext}`,
      `v1.${iv}.${tag}`,
      `v1.${iv}.${tag}.${ciphertext}.extra`,
      `v1.${iv}.${tag!.slice(0, 10)}.${ciphertext}`, // truncated tag
      `v1.${iv}.${tag}.${ciphertext}+/=`,
    ];
    for (const value of malformed) {
      expect(failureOf(() => decryptSecret(value, key)).reason, value).toBe("malformed");
    }
  });

  it("refuses a key that is not 32 bytes of base64", () => {
    const shortKey = randomBytes(16).toString("base64");
    expect(failureOf(() => encryptSecret(refreshToken, shortKey)).reason).toBe("invalid_key");
    expect(failureOf(() => decryptSecret(encryptSecret(refreshToken, key), "not a key")).reason).toBe("invalid_key");
  });
});
