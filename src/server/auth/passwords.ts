import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const options = { algorithm: 2 /* Algorithm.Argon2id (a const enum: not importable with isolatedModules) */ as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verified against when the email is unknown, so both failures take the same time.
const unknownUserHash = hash("clinicall-unknown-user-placeholder", options);

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  try {
    return await verify(storedHash ?? (await unknownUserHash), password);
  } catch {
    return false; // a hash in a format we cannot read never matches
  }
}
