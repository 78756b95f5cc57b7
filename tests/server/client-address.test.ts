import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/config/env";
import { normaliseAddress, resolveClientAddress, throttleKeyOfAddress, UNKNOWN_ADDRESS } from "@/server/http/client-address";

const proxies = ["10.0.0.0/8", "fd00::/8"];

describe("the client's address", () => {
  it.each([
    // [peer, X-Forwarded-For, trusted proxies, expected]
    ["198.51.100.7", "203.0.113.9", [], "198.51.100.7"], // no proxy trusted: the header is ignored
    ["198.51.100.7", "203.0.113.9", proxies, "198.51.100.7"], // the peer is not a trusted proxy
    ["10.1.2.3", "203.0.113.9", proxies, "203.0.113.9"], // through one trusted proxy
    ["10.1.2.3", "6.6.6.6, 203.0.113.9", proxies, "203.0.113.9"], // a client-written entry on the left is never read
    ["10.1.2.3", "6.6.6.6, 203.0.113.9, 10.9.9.9", proxies, "203.0.113.9"], // two trusted hops
    ["10.1.2.3", "not-an-ip", proxies, "10.1.2.3"], // an unreadable hop: believe nothing further
    ["10.1.2.3", null, proxies, "10.1.2.3"],
    ["::ffff:10.1.2.3", "203.0.113.9", proxies, "203.0.113.9"], // IPv4-mapped peer
    ["fd00::1", "2001:db8::5", proxies, "2001:db8::5"],
    [undefined, "203.0.113.9", proxies, UNKNOWN_ADDRESS], // not served by scripts/serve.mjs
    ["garbage", "203.0.113.9", proxies, UNKNOWN_ADDRESS],
  ] as const)("peer %s, X-Forwarded-For %s, trusted %j → %s", (peer, forwarded, trusted, expected) => {
    expect(resolveClientAddress(peer, forwarded, [...trusted])).toBe(expected);
  });

  it("counts IPv6 clients by their /64", () => {
    expect(throttleKeyOfAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(throttleKeyOfAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(throttleKeyOfAddress("203.0.113.9")).toBe("203.0.113.9");
  });

  it("reads only IP addresses", () => {
    expect(normaliseAddress("x".repeat(1_000_000))).toBeUndefined();
    expect(normaliseAddress(" 203.0.113.9 ")).toBe("203.0.113.9");
  });
});

describe("TRUSTED_PROXIES and HOST", () => {
  it("accepts addresses and CIDR blocks, normalised", () => {
    const result = parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, 203.0.113.7 ,fd00::/8" });
    expect(result.ok && result.config.trustedProxies).toEqual(["10.0.0.0/8", "203.0.113.7/32", "fd00::/8"]);
  });

  it.each(["10.0.0.0/33", "example.com", "10.0.0.0/8/1", "fd00::/129", "10.0.0.0/"])("refuses %s at start", (value) => {
    const result = parseEnv({ TRUSTED_PROXIES: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.variable).toBe("TRUSTED_PROXIES");
  });

  it("listens on loopback in demo mode unless HOST says otherwise", () => {
    const host = (env: Record<string, string>) => (parseEnv(env) as { ok: true; config: { host: string } }).config.host;
    expect(host({ DEMO: "1" })).toBe("127.0.0.1");
    expect(host({ DEMO: "1", HOST: "0.0.0.0" })).toBe("0.0.0.0");
    expect(host({ DEMO: "0" })).toBe("0.0.0.0");
  });
});
