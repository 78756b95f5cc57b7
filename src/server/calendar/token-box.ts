import { getConfig } from "@/server/config";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";

/**
 * Encryption of calendar secrets (OAuth tokens, PKCE verifiers) under ENCRYPTION_KEY, each bound
 * to its organisation: a ciphertext copied into another clinic's row does not decrypt there.
 */
function key(): string {
  const value = getConfig().encryptionKey;
  if (!value) throw new Error("ENCRYPTION_KEY is not resolved");
  return value;
}

const aadFor = (organisationId: string) => `calendar:${organisationId}`;

export function sealCalendarSecret(value: string, organisationId: string): string {
  return encryptSecret(value, key(), { aad: aadFor(organisationId) });
}

export function openCalendarSecret(ciphertext: string, organisationId: string): string {
  return decryptSecret(ciphertext, key(), { aad: aadFor(organisationId) });
}
