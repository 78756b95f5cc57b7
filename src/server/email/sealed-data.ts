import "server-only";
import { getConfig } from "@/server/config";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";

/** The associated data: a sealed body only opens for the recipient and template it was made for. */
const aad = (to: string, template: string) => `email:${template}:${to}`;

export function sealEmailData(data: unknown, to: string, template: string): string {
  return encryptSecret(JSON.stringify(data), requireKey(), { aad: aad(to, template) });
}

export function openEmailData(sealed: string, to: string, template: string): unknown {
  return JSON.parse(decryptSecret(sealed, requireKey(), { aad: aad(to, template) }));
}

function requireKey(): string {
  const key = getConfig().encryptionKey;
  if (!key) throw new Error("ENCRYPTION_KEY is not resolved");
  return key;
}
