import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/config/env";

const origins = (env: Record<string, string>) => {
  const result = parseEnv(env);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config.recordingOrigins;
};

describe("RECORDING_ORIGINS", () => {
  it("defaults to Vapi's API and storage and Twilio's API, all public-only", () => {
    expect(origins({})).toEqual([
      { origin: "https://api.vapi.ai", privateAddressesAllowed: false },
      { origin: "https://api.twilio.com", privateAddressesAllowed: false },
      { origin: "https://storage.vapi.ai", privateAddressesAllowed: false },
    ]);
  });

  it("adds the operator's origins, which (like a VAPI_API_URL that was set) may be on loopback", () => {
    expect(
      origins({ VAPI_API_URL: "http://127.0.0.1:4010", RECORDING_ORIGINS: " https://rec.example.com/ ,http://10.0.0.5:9000" }),
    ).toEqual([
      { origin: "http://127.0.0.1:4010", privateAddressesAllowed: true },
      { origin: "https://api.twilio.com", privateAddressesAllowed: false },
      { origin: "https://rec.example.com", privateAddressesAllowed: true },
      { origin: "http://10.0.0.5:9000", privateAddressesAllowed: true },
    ]);
  });

  it("takes Twilio's origin from TWILIO_API_URL, which may then be on loopback", () => {
    expect(origins({ TWILIO_API_URL: "http://127.0.0.1:4020/" })).toContainEqual({
      origin: "http://127.0.0.1:4020",
      privateAddressesAllowed: true,
    });
    expect(origins({ TWILIO_API_URL: "http://127.0.0.1:4020/" })).not.toContainEqual(
      expect.objectContaining({ origin: "https://api.twilio.com" }),
    );
  });

  it.each([
    "ftp://x.example",
    "https://x.example/path",
    "https://u:p@x.example",
    "x.example",
    "https://a.example,,javascript:alert(1)",
    ",",
  ])("refuses %j at start with a readable message", (value) => {
    const result = parseEnv({ RECORDING_ORIGINS: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({
      variable: "RECORDING_ORIGINS",
      message: expect.stringContaining("comma-separated list of http(s) origins"),
    });
  });
});
