import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paramsFromForm, publicUrlFor, type TwilioParams, verifyTwilioRequest } from "@/providers/twilio/signature";
import { simulateIncomingCall, simulateStatusCallback } from "@/providers/twilio/simulator";
import { notRegistered } from "@/providers/twilio/twiml";

const AUTH_TOKEN = "twilio-test-auth-token-0123456789";
const PUBLIC_BASE_URL = "https://clinic.example.com";

/** Verifies like our route will (public base + path + query, never req.url) and records what it got. */
interface Received {
  path: string;
  params: TwilioParams;
  valid: boolean;
  contentType: string | undefined;
}
const received: Received[] = [];
let baseUrl = "";
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const params = paramsFromForm(Buffer.concat(chunks).toString("utf8"));
  const url = publicUrlFor(PUBLIC_BASE_URL, req.url ?? "/");
  const signature = req.headers["x-twilio-signature"];
  const valid = verifyTwilioRequest({
    authToken: AUTH_TOKEN,
    signature: typeof signature === "string" ? signature : undefined,
    url,
    params,
  });
  received.push({ path: req.url ?? "", params, valid, contentType: req.headers["content-type"] });
  if (!valid) {
    res.writeHead(403).end();
    return;
  }
  res.writeHead(200, { "content-type": "text/xml" }).end(notRegistered());
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("caller simulator", () => {
  it("posts the form Twilio sends for an inbound call, signed for the public URL", async () => {
    const response = await simulateIncomingCall({
      baseUrl,
      signedBaseUrl: PUBLIC_BASE_URL,
      authToken: AUTH_TOKEN,
      to: "+12125550100",
      from: "+79161234567",
    });
    expect(response).toMatchObject({ status: 200, contentType: "text/xml" });
    expect(response.body).toContain("<Response>");
    expect(response.callSid).toMatch(/^CA[0-9a-f]{32}$/);

    const request = received.at(-1);
    expect(request).toMatchObject({ path: "/api/webhooks/twilio", valid: true, contentType: "application/x-www-form-urlencoded" });
    expect(request?.params).toMatchObject({
      CallSid: response.callSid,
      AccountSid: expect.stringMatching(/^AC[0-9a-f]{32}$/),
      From: "+79161234567",
      To: "+12125550100",
      Caller: "+79161234567",
      Called: "+12125550100",
      CallStatus: "ringing",
      Direction: "inbound",
      ApiVersion: "2010-04-01",
      FromCountry: "RU",
      ToCountry: "US",
    });
  });

  it("is refused when signed for the URL the app sees instead of the public one", async () => {
    const response = await simulateIncomingCall({ baseUrl, authToken: AUTH_TOKEN, to: "+12125550100", from: "+12015550123" });
    expect(response.status).toBe(403);
    expect(received.at(-1)?.valid).toBe(false);
  });

  it("is refused when signed with another token", async () => {
    const response = await simulateIncomingCall({
      baseUrl,
      signedBaseUrl: PUBLIC_BASE_URL,
      authToken: "wrong-token",
      to: "+12125550100",
      from: "+12015550123",
    });
    expect(response.status).toBe(403);
  });

  it("keeps a given CallSid and extra parameters, and signs the query string", async () => {
    const callSid = `CA${"1".repeat(32)}`;
    const response = await simulateIncomingCall({
      baseUrl,
      signedBaseUrl: PUBLIC_BASE_URL,
      authToken: AUTH_TOKEN,
      to: "+12125550100",
      from: "+12015550123",
      callSid,
      path: "/api/webhooks/twilio?retry=1",
      extraParams: { ForwardedFrom: "+12125550199" },
    });
    expect(response.status).toBe(200);
    expect(received.at(-1)).toMatchObject({
      path: "/api/webhooks/twilio?retry=1",
      valid: true,
      params: { CallSid: callSid, ForwardedFrom: "+12125550199" },
    });
  });

  it("sends a signed status callback with the call's final status and duration", async () => {
    const callSid = `CA${"2".repeat(32)}`;
    const response = await simulateStatusCallback({
      baseUrl,
      signedBaseUrl: PUBLIC_BASE_URL,
      authToken: AUTH_TOKEN,
      to: "+12125550100",
      from: "+12015550123",
      callSid,
      callDuration: 95,
      sequenceNumber: 3,
    });
    expect(response.status).toBe(200);
    expect(received.at(-1)).toMatchObject({
      path: "/api/webhooks/twilio/status",
      valid: true,
      params: {
        CallSid: callSid,
        CallStatus: "completed",
        CallDuration: "95",
        SequenceNumber: "3",
        CallbackSource: "call-progress-events",
        Timestamp: expect.stringMatching(/\+0000$/),
      },
    });
  });

  it("omits CallDuration for a call that did not complete", async () => {
    await simulateStatusCallback({
      baseUrl,
      signedBaseUrl: PUBLIC_BASE_URL,
      authToken: AUTH_TOKEN,
      to: "+12125550100",
      from: "+12015550123",
      callSid: `CA${"3".repeat(32)}`,
      callStatus: "no-answer",
    });
    expect(received.at(-1)?.params).toMatchObject({ CallStatus: "no-answer" });
    expect(received.at(-1)?.params.CallDuration).toBeUndefined();
  });
});
