import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDemoServerAddress, writeDemoServerAddress } from "@/server/demo/demo-server-address";
import { simulatePhoneCall } from "@/server/demo/simulate-phone-call";

// A server that refuses every signature, as Clinicall does when the signed URL is not its own.
const refusing = createServer((_req, res) => {
  res.writeHead(403, { "content-type": "text/plain" });
  res.end("Forbidden");
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => refusing.close(() => resolve())));

describe("the call simulator", () => {
  it("says which URL it signed when the server refuses the signature", async () => {
    const result = await simulatePhoneCall({
      appUrl: url,
      publicBaseUrl: "http://localhost:3999",
      twilioAuthToken: "t".repeat(32),
      to: "+15551230000",
      from: "+15557654321",
      callerSays: ["Hello"],
    });
    expect(result).toMatchObject({
      ok: false,
      stage: "twilio-webhook",
      status: 403,
      signedUrl: "http://localhost:3999/api/webhooks/twilio",
    });
    expect(result.ok || result.detail).toContain("made for http://localhost:3999/api/webhooks/twilio");
  });

  it("reads back where npm start said the server listens; a missing or broken file is none", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "demo-server-"));
    expect(readDemoServerAddress(dir)).toBeNull();
    writeDemoServerAddress(dir, { appUrl: "http://127.0.0.1:4000", publicBaseUrl: "http://localhost:4000" });
    expect(readDemoServerAddress(dir)).toEqual({ appUrl: "http://127.0.0.1:4000", publicBaseUrl: "http://localhost:4000" });
    writeFileSync(path.join(dir, "demo-server.json"), "{not json");
    expect(readDemoServerAddress(dir)).toBeNull();
  });
});
