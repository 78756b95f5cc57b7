import "server-only";
import { callsRecently, turnBetweenCalls } from "@/server/http/event-loop-load";
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
 * While calls are being answered (a call's webhook handled in the last CALLS_RECENT_MS), the
 * hashing slot rests after each hash for as long as the hash took: password hashing then takes at
 * most half of what it would, however many log-ins wait (they are refused 503 busy beyond the
 * queue, as before). With no calls, hashes run back to back.
 */
const CALLS_RECENT_MS = 1000;

/*
 * Hashing and verifying (hashPassword, verifyPassword, inPasswordCheckTurn) run on the
 * low-priority hashing threads (hashing-threads.ts), in the process's bounded hashing slots
 * (hashing-slots.ts), and throw HashingBusyError when those are full. Calls first: a hash
 * starts only while no call's webhook is being handled (turnBetweenCalls, however busy the loop),
 * and while calls are being answered the slot rests between hashes (above).
 * Nice 19 gives the calls the CPU, but a hash on the other core still slowed the loop's own work
 * by a fifth (the memory and caches the cores share), and each log-in it lets through costs the
 * loop and the database more work. Never call them while holding a database connection or
 * transaction: a connection held for a queued hash is one the webhooks cannot have.
 */

/** Runs one hash or verification in the slot held (holdingHashingSlot). */
type Hashing = <H>(fn: () => Promise<H>) => Promise<H>;

/**
 * Holds a hashing slot (waiting in its queue; HashingBusyError beyond it) while `work` runs;
 * `hashing(fn)` runs `fn` in it at a moment between calls and times it. After `work`, the slot
 * rests for as long as the hashing took while calls are being answered (above).
 */
async function holdingHashingSlot<T>(work: (hashing: Hashing) => Promise<T>): Promise<T> {
  const release = await hashingSlots.acquire();
  let took = 0;
  const hashing: Hashing = async (fn) => {
    await turnBetweenCalls();
    const started = performance.now();
    try {
      return await fn();
    } finally {
      took += performance.now() - started;
    }
  };
  try {
    return await work(hashing);
  } finally {
    if (took > 0 && callsRecently(CALLS_RECENT_MS)) setTimeout(release, took);
    else release();
  }
}

export function hashPassword(password: string): Promise<string> {
  return holdingHashingSlot((hashing) => hashing(() => hashOnThread(password, options)));
}

// Verified against when the email is unknown, so both failures take the same time.
let unknownUserHash: Promise<string> | undefined;

async function checkPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  unknownUserHash ??= hashOnThread("clinicall-unknown-user-placeholder", options);
  const against = storedHash ?? (await unknownUserHash);
  try {
    return await verifyOnThread(against, password);
  } catch {
    return false; // a hash in a format we cannot read never matches
  }
}

type VerifyPassword = (storedHash: string | null | undefined, password: string) => Promise<boolean>;

export const verifyPassword: VerifyPassword = (storedHash, password) => inPasswordCheckTurn((verify) => verify(storedHash, password));

/**
 * For a log-in: `work` runs in its hashing slot, queued with the others, and verifies there with
 * the `verify` it is given. Its database work before the hash (throttle, user) then happens when
 * its turn comes, not the moment it arrives: 65 log-ins arriving together used to send 130
 * statements at once beside the calls', and then wait for their hashes anyway (the log-in flood
 * bench). The slot is free again when `work` ends (after its rest); the work after the hash
 * (session) belongs outside.
 */
export function inPasswordCheckTurn<T>(work: (verify: VerifyPassword) => Promise<T>): Promise<T> {
  return holdingHashingSlot((hashing) => work((storedHash, password) => hashing(() => checkPassword(storedHash, password))));
}
