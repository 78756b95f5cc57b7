import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as loginRoute from "@/app/api/auth/login/route";
import * as signupRoute from "@/app/api/auth/signup/route";
import { hashingSlots } from "@/server/auth/hashing-slots";
import { ADDRESS_AND_EMAIL_RULE, ADDRESS_RULE } from "@/server/auth/login-throttle";
import { asService } from "@/server/db/access";
import { PEER_ADDRESS_HEADER } from "@/server/http/client-address";
import { PASSWORD, signUpOwner, uniqueEmail } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";
import { usingPostgres } from "../helpers/test-database";

const app = useTestApp();

let addressCounter = 0;
/** A fresh client address per test, so the tests' buckets never meet. */
function newAddress(): string {
  addressCounter++;
  return `198.51.100.${addressCounter}`;
}

function logInFrom(address: string, email: string, password: string, extraHeaders: Record<string, string> = {}) {
  return new ApiClient().call(loginRoute.POST, "POST", "/api/auth/login", {
    body: { email, password },
    headers: { [PEER_ADDRESS_HEADER]: address, ...extraHeaders },
  });
}

/** Stops the clock, so the flood below all happens at one instant (no delay can run out in it). */
function pinClock() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-05T09:00:00.000Z"));
}

afterEach(() => {
  vi.useRealTimers();
});

describe("log-in throttling", () => {
  it("admits exactly the free attempts out of 200 concurrent wrong passwords for one email", async () => {
    const { email } = await signUpOwner();
    const address = newAddress();
    pinClock();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => logInFrom(address, email, `wrong-${i}-password`)));
    const statuses = results.map((r) => r.status);
    // Exactly the free guesses were checked; the rest were throttled (429) or, beyond the log-ins
    // that may be in progress at once, refused before they were counted (503 busy).
    expect(statuses.filter((s) => s === 401)).toHaveLength(ADDRESS_AND_EMAIL_RULE.free);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429 || s === 503)).toHaveLength(200 - ADDRESS_AND_EMAIL_RULE.free);
    expect(new Set(results.filter((r) => r.status === 503).map((r) => r.body.error.code))).toEqual(
      new Set(results.some((r) => r.status === 503) ? ["busy"] : []),
    );
    const refused = results.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.body.error.code).toBe("rate_limited");
  });

  it("throttles password spraying: 200 concurrent attempts on 200 emails from one address", async () => {
    const address = newAddress();
    pinClock();
    const results = await Promise.all(Array.from({ length: 200 }, () => logInFrom(address, uniqueEmail("sprayed"), "wrong-password-1")));
    expect(results.filter((r) => r.status === 401)).toHaveLength(ADDRESS_RULE.free);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 429 || r.status === 503)).toHaveLength(200 - ADDRESS_RULE.free);
  });

  it("never locks the person out from another address", async () => {
    const { email } = await signUpOwner();
    const attacker = newAddress();
    for (let i = 0; i < ADDRESS_AND_EMAIL_RULE.free + 3; i++) await logInFrom(attacker, email, `wrong-${i}-password`);
    expect((await logInFrom(attacker, email, PASSWORD)).status).toBe(429);
    expect((await logInFrom(newAddress(), email, PASSWORD)).status).toBe(200);
  });

  it("grows the delay 1 s, 2 s, 4 s after the free attempts, and a success starts the pair again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-12-05T09:00:00.000Z");
    vi.setSystemTime(start);
    const at = (ms: number) => vi.setSystemTime(new Date(start.getTime() + ms));
    const { email } = await signUpOwner();
    const address = newAddress();
    for (let i = 0; i < ADDRESS_AND_EMAIL_RULE.free; i++) expect((await logInFrom(address, email, "wrong-password-x")).status).toBe(401);
    // The 5th failure blocked the pair for 1 s.
    const blocked = await logInFrom(address, email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("1");
    at(1000);
    expect((await logInFrom(address, email, "wrong-password-x")).status).toBe(401); // admitted, then 2 s
    at(2999);
    expect((await logInFrom(address, email, PASSWORD)).status).toBe(429);
    at(3000);
    expect((await logInFrom(address, email, "wrong-password-x")).status).toBe(401); // admitted, then 4 s
    at(6999);
    const again = await logInFrom(address, email, PASSWORD);
    expect(again.status).toBe(429);
    expect(again.headers.get("retry-after")).toBe("1");
    at(7000);
    expect((await logInFrom(address, email, PASSWORD)).status).toBe(200);
    // The success cleared the pair's bucket: the free attempts are back.
    for (let i = 0; i < ADDRESS_AND_EMAIL_RULE.free; i++) expect((await logInFrom(address, email, "wrong-password-x")).status).toBe(401);
  });

  it("ignores X-Forwarded-For from a connection that is not a trusted proxy", async () => {
    const { email } = await signUpOwner();
    const address = newAddress();
    // Each attempt claims another address; all of them come from the same connection.
    for (let i = 0; i < ADDRESS_AND_EMAIL_RULE.free; i++) {
      expect((await logInFrom(address, email, "wrong-password-x", { "x-forwarded-for": `203.0.113.${i}` })).status).toBe(401);
    }
    expect((await logInFrom(address, email, PASSWORD, { "x-forwarded-for": "203.0.113.200" })).status).toBe(429);
  });
});

describe("password hashing", () => {
  async function idleInTransaction(): Promise<number> {
    const { rows } = await app
      .db()
      .db.execute(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
      );
    return Number(rows[0]!.n);
  }

  it.each([
    ["log-in", async () => logInFrom(newAddress(), (await signUpOwner()).email, PASSWORD)],
    [
      "sign-up",
      async () =>
        new ApiClient().post(signupRoute.POST, "/api/auth/signup", {
          email: uniqueEmail(),
          password: PASSWORD,
          organisation_name: "Queued",
        }),
    ],
  ] as const)("%s holds no database connection or transaction while it waits for or runs the hash", async (_, request) => {
    const { gate, open } = newGate();
    // Occupy every hashing slot, so the request has to wait for one.
    const blockers = Array.from({ length: hashingSlots.limit }, () => hashingSlots.run(() => gate));
    const pending = request();
    await vi.waitFor(() => expect(hashingSlots.queued).toBe(1), { timeout: 30_000, interval: 5 });
    // On PGlite (one connection) this transaction could not start if the request held one; on
    // Postgres no connection of this database may be in an open transaction.
    if (usingPostgres) expect(await idleInTransaction()).toBe(0);
    else expect(await asService(async (tx) => (await tx.execute(sql`select 1 as one`)).rows[0]!.one)).toBe(1);
    open();
    await Promise.all(blockers);
    expect((await pending).status).toBeLessThan(300);
  });

  it("a flood of correct log-ins from many addresses signs people in or answers 503 busy, never an error", async () => {
    const accounts = await Promise.all(Array.from({ length: 4 }, () => signUpOwner()));
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) => logInFrom(`203.0.113.${(i % 250) + 1}`, accounts[i % accounts.length]!.email, PASSWORD)),
    );
    const statuses = new Set(results.map((r) => r.status));
    expect([...statuses].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(0);
  });

  it("admits no more log-ins at once than the hashing slots and queue can take: the rest are refused before any statement", async () => {
    const { email } = await signUpOwner();
    await asService((tx) => tx.execute(sql`delete from public.login_throttle_buckets where key like 'ip:192.0.2.%'`));
    const { gate, open } = newGate();
    // The slots' holders keep hashing until the gate opens: no log-in can finish before that.
    const blockers = Array.from({ length: hashingSlots.limit }, () => hashingSlots.run(() => gate));
    const admissible = hashingSlots.limit + hashingSlots.maxQueue;
    let answered = 0;
    // 200 log-ins from 200 addresses: each that reaches the throttle's statement leaves its address's bucket row.
    const pending = Array.from({ length: 200 }, (_, i) => logInFrom(`192.0.2.${i + 1}`, email, `wrong-${i}`).finally(() => answered++));
    // Admitted: `admissible`; of them, the queue holds `maxQueue` (the blockers have the slots) and
    // the rest are refused at the queue. Everyone else is refused at the door.
    await vi.waitFor(() => expect(answered).toBe(200 - hashingSlots.maxQueue), { timeout: 30_000, interval: 5 });
    const reached = await asService((tx) =>
      tx.execute(sql`select count(*)::int as n from public.login_throttle_buckets where key like 'ip:192.0.2.%'`),
    );
    expect((reached.rows[0] as { n: number }).n).toBeLessThanOrEqual(admissible);
    open();
    await Promise.all(blockers);
    const results = await Promise.all(pending);
    expect(results.filter((r) => r.status === 503)).toHaveLength(200 - hashingSlots.maxQueue);
    expect(results.filter((r) => r.status === 401)).toHaveLength(hashingSlots.maxQueue);
  });

  it("answers 503 with Retry-After at once when the hashing queue is full", async () => {
    const { email } = await signUpOwner();
    const { gate, open } = newGate();
    const blockers = Array.from({ length: hashingSlots.limit + hashingSlots.maxQueue }, () => hashingSlots.run(() => gate));
    const address = newAddress();
    const busy = await logInFrom(address, email, PASSWORD);
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("2");
    // Refused before the attempt was counted: the address has no bucket yet.
    const buckets = await asService((tx) =>
      tx.execute(sql`select count(*)::int as n from public.login_throttle_buckets where key like ${`%${address}%`}`),
    );
    expect(buckets.rows[0]).toEqual({ n: 0 });
    // Refused before its body is read: a body that is not JSON is still a 503, not a 422.
    const unread = await new ApiClient().call(loginRoute.POST, "POST", "/api/auth/login", {
      rawBody: "not json",
      headers: { [PEER_ADDRESS_HEADER]: address, "content-type": "application/json" },
    });
    expect(unread.status).toBe(503);
    open();
    await Promise.all(blockers);
    expect((await logInFrom(newAddress(), email, PASSWORD)).status).toBe(200);
  });

  it("a log-in waiting in the hashing queue has not touched the database: its attempt is counted when its turn comes", async () => {
    const { email } = await signUpOwner();
    const { gate, open } = newGate();
    const blockers = Array.from({ length: hashingSlots.limit }, () => hashingSlots.run(() => gate));
    const address = newAddress();
    const bucketsOf = async () =>
      (
        await asService((tx) =>
          tx.execute(sql`select key, failures from public.login_throttle_buckets where key like ${`%${address}%`} order by key`),
        )
      ).rows;
    const waiting = logInFrom(address, email, PASSWORD);
    await vi.waitFor(() => expect(hashingSlots.queued).toBe(1), { timeout: 10_000, interval: 5 });
    // Queued behind the slots' holders: no statement yet, so no bucket for its address.
    expect(await bucketsOf()).toEqual([]);
    open();
    await Promise.all(blockers);
    expect((await waiting).status).toBe(200);
    // Counted in its turn, then settled by the success: the address's bucket gave the attempt back.
    expect(await bucketsOf()).toEqual([{ key: `ip:${address}`, failures: 0 }]);
  });
});

function newGate(): { gate: Promise<void>; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { gate, open };
}
