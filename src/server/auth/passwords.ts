import "server-only";
import { turnBetweenCalls } from "@/server/http/event-loop-load";
import { hashingSlots } from "./hashing-slots";
import { hashOnThread, verifyOnThread } from "./hashing-threads";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const options = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum: not importable with isolatedModules) */ as const,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * Hashing and verifying run on the low-priority hashing threads (hashing-threads.ts), in the
 * process's bounded hashing slots (hashing-slots.ts), and throw
 * HashingBusyError when those are full. A hash starts only while no call's webhook is being handled
 * (turnBetweenCalls, however busy the loop): nice 19 gives the calls the CPU, but a hash on the other core still slowed the
 * loop's own work by a fifth (memory and cache it shares), so hashes fill the gaps between calls. Never call them while holding a database connection or
 * transaction: a connection held for a queued hash is one the webhooks cannot have.
 */
export function hashPassword(password: string): Promise<string> {
  return hashingSlots.run(async () => {
    await turnBetweenCalls();
    return hashOnThread(password, options);
  });
}

// Verified against when the email is unknown, so both failures take the same time.
let unknownUserHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  unknownUserHash ??= hashOnThread("clinicall-unknown-user-placeholder", options);
  const against = storedHash ?? (await unknownUserHash);
  return hashingSlots.run(async () => {
    await turnBetweenCalls();
    try {
      return await verifyOnThread(against, password);
    } catch {
      return false; // a hash in a format we cannot read never matches
    }
  });
}
