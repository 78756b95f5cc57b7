import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { getConfig } from "@/server/config";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";

/** RFC 6238 defaults every authenticator app reads: SHA-1, 6 digits, 30-second steps. */
const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: "Clinicall", label: accountEmail, secret });
}

const aad = (userId: string) => `totp:${userId}`;

export function sealTotpSecret(secret: string, userId: string): string {
  return encryptSecret(secret, key(), { aad: aad(userId) });
}

export function openTotpSecret(sealed: string, userId: string): string {
  return decryptSecret(sealed, key(), { aad: aad(userId) });
}

function key(): string {
  const value = getConfig().encryptionKey;
  if (!value) throw new Error("ENCRYPTION_KEY is not resolved");
  return value;
}

/**
 * The 30-second step a 6-digit code belongs to (one step either side of now, for clock drift),
 * or null. `afterStep`: steps up to and including it are refused (the last accepted one: a code
 * is never accepted twice, not even within its window).
 */
export async function matchTotp(secret: string, code: string, now: Date, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  if (!result.valid) return null;
  return (result as { timeStep: number }).timeStep;
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz023456789"; // 32: no modulo bias

/** Ten recovery codes like `k7m2p-9xq4d` (50 random bits each), shown once. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** What is stored of a recovery code: SHA-256 of its normalised form (case, spaces and dash ignored). */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z0-9]{10}$/.test(normaliseRecoveryCode(code));
}
