import type { LookupAddress } from "node:dns";
import { createServer, type RequestListener, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isPublicAddress } from "@/server/outbound/address-policy";
import type { AllowedOrigin } from "@/server/outbound/allowed-origin";
import { type GuardedFetchOptions, guardedFetch } from "@/server/outbound/guarded-fetch";
import { OutboundError } from "@/server/outbound/outbound-errors";

/** A loopback server that counts the connections it accepts. */
async function startServer(handler: RequestListener) {
  const server: Server = createServer(handler);
  let connections = 0;
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}`, connections: () => connections, server };
}

const audio = Buffer.from("RIFF....WAVEfmt audio bytes");
const upstream = await startServer((req, res) => {
  if (req.url === "/redirect-internal") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
  if (req.url === "/redirect-userinfo") return res.writeHead(302, { location: `http://storage.vapi.ai@127.0.0.1:1/` }).end();
  if (req.url === "/redirect-same") return res.writeHead(301, { location: "/a.wav" }).end();
  if (req.url === "/big-declared") return res.writeHead(200, { "content-length": String(10 * 1024 * 1024) }).end();
  if (req.url === "/big-chunked") {
    res.writeHead(200, { "content-type": "audio/wav" });
    const chunk = Buffer.alloc(64 * 1024, 1);
    let sent = 0;
    const pump = () => {
      while (sent < 4 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once("drain", pump);
      }
      res.end();
    };
    return pump();
  }
  if (req.url === "/drip") {
    res.writeHead(200, { "content-type": "audio/wav" });
    const timer = setInterval(() => res.write("x"), 5);
    return res.on("close", () => clearInterval(timer));
  }
  if (req.url === "/silent") return; // accepts, never answers
  res.writeHead(200, { "content-type": "audio/wav", "content-length": String(audio.length) }).end(audio);
});
afterAll(() => new Promise<void>((resolve) => upstream.server.close(() => resolve())));

let socketConnects: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  socketConnects = vi.spyOn(net.Socket.prototype, "connect");
});
afterEach(() => {
  socketConnects.mockRestore();
});

const PRODUCTION: AllowedOrigin[] = [
  { origin: "https://api.vapi.ai", privateAddressesAllowed: false },
  { origin: "https://api.twilio.com", privateAddressesAllowed: false },
  { origin: "https://storage.vapi.ai", privateAddressesAllowed: false },
];

function options(overrides: Partial<GuardedFetchOptions> = {}): GuardedFetchOptions {
  return {
    origins: PRODUCTION,
    maxBytes: 1024 * 1024,
    totalTimeoutMs: 10_000,
    headersTimeoutMs: 10_000,
    resolve: fakeDns({}),
    ...overrides,
  };
}

/** A resolver that answers from a table and records what it was asked. */
function fakeDns(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = async (host: string): Promise<LookupAddress[]> => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: net.isIP(address) }));
  };
  return Object.assign(resolve, { asked });
}

async function refusal(url: string, opts: GuardedFetchOptions): Promise<OutboundError> {
  const error = await guardedFetch(url, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, url).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

describe("the outbound guard refuses, before any connection, every URL outside the allowed origins", () => {
  const hostile = [
    "http://127.0.0.1/recording.wav",
    `${upstream.url}/a.wav`,
    `http://[::1]:${upstream.port}/a.wav`,
    `http://0.0.0.0:${upstream.port}/a.wav`,
    "http://10.0.0.1/a.wav",
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    `http://[::ffff:127.0.0.1]:${upstream.port}/a.wav`,
    `http://2130706433:${upstream.port}/a.wav`,
    `http://0x7f.1:${upstream.port}/a.wav`,
    `http://0177.0.0.1:${upstream.port}/a.wav`,
    `http://127.1:${upstream.port}/a.wav`,
    "https://storage.vapi.ai@127.0.0.1/a.wav",
    "https://storage.vapi.ai%40evil.example/a.wav",
    "https://evil.example#@storage.vapi.ai/a.wav",
    "https://evil.example\\@storage.vapi.ai/a.wav",
    "https://storage.vapi.ai.evil.example/a.wav",
    "https://evilstorage.vapi.ai/a.wav",
    "https://storage.vapi.ai./a.wav", // a trailing dot is another origin
    "http://storage.vapi.ai/a.wav", // scheme differs
    "https://storage.vapi.ai:8443/a.wav", // port differs
    "https://user:secret@storage.vapi.ai/a.wav",
    "file:///etc/passwd",
    "ftp://storage.vapi.ai/a.wav",
    "gopher://127.0.0.1:6379/_INFO",
    "data:audio/wav;base64,UklGRg==",
    "javascript:alert(1)",
    "//storage.vapi.ai/a.wav",
    "not a url",
  ];
  it.each(hostile)("%s", async (url) => {
    const dns = fakeDns({});
    const error = await refusal(url, options({ resolve: dns }));
    expect(error.kind).toBe("refused");
    expect(dns.asked).toEqual([]);
    expect(socketConnects).not.toHaveBeenCalled();
  });
  it("and the local server saw no connection at all", () => {
    expect(upstream.connections()).toBe(0);
  });
});

describe("an allowed host name that resolves to a non-public address is refused before connecting", () => {
  const internal = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "::ffff:127.0.0.1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::7f00:1",
    "fe80::1",
    "fd00::1",
    "2002:7f00:1::1",
    "224.0.0.1",
    "255.255.255.255",
  ];
  it.each(internal)("storage.vapi.ai → %s", async (address) => {
    const dns = fakeDns({ "storage.vapi.ai": [address] });
    const error = await refusal("https://STORAGE.VAPI.AI/a.wav", options({ resolve: dns }));
    expect(error.reason).toBe("address not public");
    expect(dns.asked).toEqual(["storage.vapi.ai"]);
    expect(socketConnects).not.toHaveBeenCalled();
  });

  it("refuses when any one of the addresses is not public (no connecting to the good one, then rebinding)", async () => {
    const dns = fakeDns({ "storage.vapi.ai": ["93.184.215.14", "127.0.0.1"] });
    expect((await refusal("https://storage.vapi.ai/a.wav", options({ resolve: dns }))).reason).toBe("address not public");
    expect(socketConnects).not.toHaveBeenCalled();
  });

  it("refuses an allowed origin written as a non-public IP unless that origin allows private addresses", async () => {
    for (const written of [upstream.url, `http://2130706433:${upstream.port}`, `http://0x7f.0.0.1:${upstream.port}`]) {
      const origins = [{ origin: new URL(written).origin, privateAddressesAllowed: false }];
      expect((await refusal(`${written}/a.wav`, options({ origins }))).reason).toBe("address not public");
    }
    expect(socketConnects).not.toHaveBeenCalled();
    expect(upstream.connections()).toBe(0);
  });
});

describe("random non-public IPv4 addresses, in every notation a URL parser accepts", () => {
  const privateNetworks: [number, number][] = [
    [0x7f000000, 8],
    [0x0a000000, 8],
    [0xac100000, 12],
    [0xc0a80000, 16],
    [0xa9fe0000, 16],
    [0x64400000, 10],
    [0x00000000, 8],
  ];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const notations = [
    (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join("."),
    (n: number) => String(n),
    (n: number) => `0x${n.toString(16)}`,
    (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].map((b) => `0${b.toString(8)}`).join("."),
    (n: number) => `${n >>> 24}.${n & 0xffffff}`,
    (n: number) => `[::ffff:${[n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".")}]`,
  ];
  it("are each refused with no connection, whether or not the origin is on the list", async () => {
    for (let i = 0; i < 300; i++) {
      const [base, prefix] = privateNetworks[Math.floor(random() * privateNetworks.length)]!;
      const n = (base + Math.floor(random() * 2 ** (32 - prefix))) >>> 0;
      const host = notations[Math.floor(random() * notations.length)]!(n);
      const url = `http://${host}:${upstream.port}/a.wav`;
      expect((await refusal(url, options())).kind).toBe("refused");
      const origins = [{ origin: new URL(url).origin, privateAddressesAllowed: false }];
      expect((await refusal(url, options({ origins }))).reason).toBe("address not public");
    }
    expect(socketConnects).not.toHaveBeenCalled();
  });
});

describe("the address policy", () => {
  it.each([
    ["8.8.8.8", true],
    ["93.184.215.14", true],
    ["2606:4700::1111", true],
    ["2a00:1450:4009:81f::200e", true],
    ["127.0.0.1", false],
    ["10.255.255.255", false],
    ["172.31.0.1", false],
    ["172.32.0.1", true],
    ["100.127.255.255", false],
    ["100.128.0.1", true],
    ["169.254.0.1", false],
    ["::1", false],
    ["::ffff:8.8.8.8", false],
    ["fe80::1", false],
    ["fc00::1", false],
    ["ff02::1", false],
    ["not-an-ip", false],
    ["", false],
  ])("%s is public: %s", (address, expected) => {
    expect(isPublicAddress(address as string)).toBe(expected);
  });
});

describe("an allowed origin", () => {
  const emulator: AllowedOrigin[] = [{ origin: upstream.url, privateAddressesAllowed: true }];

  it("streams when the operator configured it explicitly, even on loopback", async () => {
    const res = await guardedFetch(`${upstream.url}/a.wav`, options({ origins: emulator }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(Buffer.from(await res.arrayBuffer()).equals(audio)).toBe(true);
  });

  it("connects to the address its name resolved to, and to no other", async () => {
    const origin = `http://recordings.internal.test:${upstream.port}`;
    const dns = fakeDns({ "recordings.internal.test": ["127.0.0.1"] });
    const res = await guardedFetch(`${origin}/a.wav`, options({ origins: [{ origin, privateAddressesAllowed: true }], resolve: dns }));
    expect(Buffer.from(await res.arrayBuffer()).equals(audio)).toBe(true);
    expect(dns.asked).toEqual(["recordings.internal.test"]);
  });

  it("follows no redirect by default, and re-checks every hop when allowed to follow", async () => {
    expect((await refusal(`${upstream.url}/redirect-same`, options({ origins: emulator }))).reason).toBe("redirect not followed");
    const followed = await guardedFetch(`${upstream.url}/redirect-same`, options({ origins: emulator, maxRedirects: 3 }));
    expect(Buffer.from(await followed.arrayBuffer()).equals(audio)).toBe(true);
    socketConnects.mockClear();
    for (const path of ["/redirect-internal", "/redirect-userinfo"]) {
      expect((await refusal(`${upstream.url}${path}`, options({ origins: emulator, maxRedirects: 3 }))).kind).toBe("refused");
    }
    expect(socketConnects).toHaveBeenCalledTimes(2); // only the two first hops, to the allowed origin
  });

  it("refuses a body larger than the cap, declared or streamed", async () => {
    expect((await refusal(`${upstream.url}/big-declared`, options({ origins: emulator }))).reason).toBe("response too large");
    const res = await guardedFetch(`${upstream.url}/big-chunked`, options({ origins: emulator, maxBytes: 256 * 1024 }));
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toMatchObject({ reason: "response too large" });
  });

  it("cuts a slow drip at the total time and a silent upstream at the headers time", async () => {
    const drip = await guardedFetch(`${upstream.url}/drip`, options({ origins: emulator, totalTimeoutMs: 150 }));
    await expect(drip.arrayBuffer()).rejects.toMatchObject({ reason: "total time exceeded" });
    expect((await refusal(`${upstream.url}/silent`, options({ origins: emulator, headersTimeoutMs: 100 }))).reason).toBe(
      "no response in time",
    );
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    const drip = await guardedFetch(`${upstream.url}/drip`, options({ origins: emulator, signal: controller.signal }));
    const reading = drip.arrayBuffer();
    controller.abort();
    await expect(reading).rejects.toMatchObject({ reason: "aborted" });
  });
});
