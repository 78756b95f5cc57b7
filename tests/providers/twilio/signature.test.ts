import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { paramsFromForm, publicUrlFor, signTwilioRequest, verifyTwilioRequest } from "@/providers/twilio/signature";
import { inboundCallParams } from "@/providers/twilio/simulator";

const AUTH_TOKEN = "12345678901234567890123456789012";
const PUBLIC_URL = "https://clinic.example.com/api/webhooks/twilio";
const params = inboundCallParams({ to: "+12125550100", from: "+12015550123", callSid: `CA${"a".repeat(32)}` });
const signature = signTwilioRequest({ authToken: AUTH_TOKEN, url: PUBLIC_URL, params });

describe("Twilio request signatures", () => {
  it("signs exactly as Twilio documents: HMAC-SHA1 of the URL and the sorted name+value pairs, base64", () => {
    const data =
      PUBLIC_URL +
      Object.keys(params)
        .sort()
        .map((key) => key + params[key as keyof typeof params])
        .join("");
    expect(signature).toBe(createHmac("sha1", AUTH_TOKEN).update(data, "utf8").digest("base64"));
  });

  it("accepts a correctly signed request", () => {
    expect(verifyTwilioRequest({ authToken: AUTH_TOKEN, signature, url: PUBLIC_URL, params })).toBe(true);
  });

  it.each<[string, Parameters<typeof verifyTwilioRequest>[0]]>([
    ["a missing signature", { authToken: AUTH_TOKEN, signature: undefined, url: PUBLIC_URL, params }],
    ["an empty signature", { authToken: AUTH_TOKEN, signature: "", url: PUBLIC_URL, params }],
    ["a missing auth token", { authToken: undefined, signature, url: PUBLIC_URL, params }],
    ["an empty auth token", { authToken: "", signature, url: PUBLIC_URL, params }],
    [
      "a wrong signature",
      { authToken: AUTH_TOKEN, signature: signature.replace(/^./, (c) => (c === "A" ? "B" : "A")), url: PUBLIC_URL, params },
    ],
    ["another account's token", { authToken: "x".repeat(32), signature, url: PUBLIC_URL, params }],
    ["a changed parameter", { authToken: AUTH_TOKEN, signature, url: PUBLIC_URL, params: { ...params, From: "+12015550999" } }],
    ["an added parameter", { authToken: AUTH_TOKEN, signature, url: PUBLIC_URL, params: { ...params, Digits: "1" } }],
    ["a different path", { authToken: AUTH_TOKEN, signature, url: `${PUBLIC_URL}/status`, params }],
    ["an unreadable URL", { authToken: AUTH_TOKEN, signature, url: "not a url", params }],
  ])("refuses %s", (_label, request) => {
    expect(verifyTwilioRequest(request)).toBe(false);
  });

  it("behind a proxy, verifies against the public URL and not the URL the app sees", () => {
    const seenByApp = "http://localhost:3000/api/webhooks/twilio";
    expect(verifyTwilioRequest({ authToken: AUTH_TOKEN, signature, url: seenByApp, params })).toBe(false);
    const rebuilt = publicUrlFor("https://clinic.example.com", new URL(seenByApp).pathname);
    expect(verifyTwilioRequest({ authToken: AUTH_TOKEN, signature, url: rebuilt, params })).toBe(true);
  });

  it("covers the query string, which must be kept exactly", () => {
    const url = `${PUBLIC_URL}?clinic=smile&lang=ru`;
    const signed = signTwilioRequest({ authToken: AUTH_TOKEN, url, params });
    expect(
      verifyTwilioRequest({
        authToken: AUTH_TOKEN,
        signature: signed,
        url: publicUrlFor("https://clinic.example.com/", "/api/webhooks/twilio?clinic=smile&lang=ru"),
        params,
      }),
    ).toBe(true);
    expect(verifyTwilioRequest({ authToken: AUTH_TOKEN, signature: signed, url: PUBLIC_URL, params })).toBe(false);
  });

  it("reads form bodies with repeated keys, and verifies them", () => {
    const form = "CallSid=CA1&Tag=b&Tag=a&Empty=";
    const parsed = paramsFromForm(form);
    expect(parsed).toEqual({ CallSid: "CA1", Tag: ["b", "a"], Empty: "" });
    const signed = signTwilioRequest({ authToken: AUTH_TOKEN, url: PUBLIC_URL, params: new URLSearchParams(form) });
    expect(verifyTwilioRequest({ authToken: AUTH_TOKEN, signature: signed, url: PUBLIC_URL, params: parsed })).toBe(true);
    expect(verifyTwilioRequest({ authToken: AUTH_TOKEN, signature: signed, url: PUBLIC_URL, params: { ...parsed, Tag: "a" } })).toBe(false);
  });

  it("builds the public URL from a base with or without a trailing slash or a path prefix", () => {
    expect(publicUrlFor("https://clinic.example.com/", "/api/webhooks/twilio")).toBe(PUBLIC_URL);
    expect(publicUrlFor("https://clinic.example.com", "api/webhooks/twilio?a=1")).toBe(`${PUBLIC_URL}?a=1`);
    expect(publicUrlFor("https://example.com/clinicall/", "/api/webhooks/twilio")).toBe(
      "https://example.com/clinicall/api/webhooks/twilio",
    );
  });
});
