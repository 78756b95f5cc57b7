import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Options } from "@node-rs/argon2";

/**
 * Password hashing on threads of its own at the lowest CPU priority (nice 19, on Linux where a
 * thread's priority is its own): a log-in flood's hashes then take only the CPU that calls and
 * the dashboard leave over, instead of competing with the webhook on equal terms as libuv's
 * threads did (the log-in flood bench). Elsewhere the threads run at normal priority.
 *
 * The threads only compute; how many hash at once is decided by the hashing slots
 * (hashing-slots.ts), and each slot holder gets a thread of its own.
 */

/** Runs in each thread: lowers its own priority, then answers {id, op, args} with {id, result} or {id, error}. */
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { readlinkSync } = require("node:fs");
const { setPriority, getPriority } = require("node:os");
let priority = null;
try {
  const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
  setPriority(threadId, 19);
  priority = getPriority(threadId);
} catch {}
const argon2 = require(workerData.argon2Path);
parentPort.on("message", ({ id, op, args }) => {
  try {
    if (op === "priority") return parentPort.postMessage({ id, result: priority });
    const result = op === "hash" ? argon2.hashSync(args[0], args[1]) : argon2.verifySync(args[0], args[1]);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

type Operation = "hash" | "verify" | "priority";

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

class HashingThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  dead = false;

  constructor(argon2Path: string) {
    this.worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { argon2Path } });
    this.worker.unref(); // an idle hashing thread never keeps the process alive
    this.worker.on("message", ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error === undefined) waiting?.resolve(result);
      else waiting?.reject(new Error(error));
    });
    const fail = (error: Error) => {
      this.dead = true;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`hashing thread exited (${code})`)));
  }

  run(op: Operation, args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }
}

let argon2Path: string | undefined;
const idle: HashingThread[] = [];

/** A thread for one operation: an idle one, or a new one (there are never more than the slots allow at once). */
async function withThread<T>(op: Operation, args: unknown[]): Promise<T> {
  argon2Path ??= createRequire(path.join(process.cwd(), "package.json")).resolve("@node-rs/argon2");
  let thread = idle.pop();
  while (thread?.dead) thread = idle.pop();
  thread ??= new HashingThread(argon2Path);
  try {
    return (await thread.run(op, args)) as T;
  } finally {
    if (!thread.dead) idle.push(thread);
  }
}

export function hashOnThread(password: string, options: Options): Promise<string> {
  return withThread("hash", [password, options]);
}

/** Throws when the hash cannot be read (as argon2's own verify does). */
export function verifyOnThread(storedHash: string, password: string): Promise<boolean> {
  return withThread("verify", [storedHash, password]);
}

/** The nice value a hashing thread runs at (19), or null where threads cannot have their own. */
export function hashingThreadPriority(): Promise<number | null> {
  return withThread("priority", []);
}
