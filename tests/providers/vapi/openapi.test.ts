import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateAssistant, validateCreateCall, vapiComponentSchema, warmUpVapiValidators } from "@/providers/vapi/openapi";
import { bypassBody, changed, transientAssistant } from "./fixtures";

type Json = Record<string, any>;

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const VENDORED = path.resolve(import.meta.dirname, "../../../src/providers/vapi/vapi-openapi.json");
/** The checksum of Vapi's published document as vendored; update both together, deliberately. */
const VENDORED_SHA256 = "74c487628c18a754783f193e95549662901f4b8c9d755ba22829a9b446e89475";

describe("Vapi OpenAPI validators", () => {
  it("read the vendored copy of Vapi's document, unchanged, with the schemas the app checks against", () => {
    expect(sha256(VENDORED)).toBe(VENDORED_SHA256);
    const document = JSON.parse(readFileSync(VENDORED, "utf8")) as Json;
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["CreateCallDTO", "CreateAssistantDTO", "AssistantOverrides", "ServerMessageEndOfCallReport"]),
    );
  });

  it("compile once, then give the same answer for the same body every time", () => {
    warmUpVapiValidators();
    const body = bypassBody();
    const answers = Array.from({ length: 200 }, () => validateCreateCall(body));
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(new Set([JSON.stringify({ ok: true })]));
  });

  it("accepts a realistic transient assistant", () => {
    expect(validateAssistant(transientAssistant())).toEqual({ ok: true });
  });

  it("accepts the other voices and transcriber settings we use for English and Russian", () => {
    const azure = changed(transientAssistant() as Json, (a) => {
      a.voice = { provider: "azure", voiceId: "multilingual-auto" };
      a.transcriber = { provider: "deepgram", model: "nova-3", language: "ru" };
    });
    expect(validateAssistant(azure)).toEqual({ ok: true });
  });

  it("accepts the bypass create-call body although the document lacks phoneCallProviderBypassEnabled", () => {
    const document = vapiComponentSchema("CreateCallDTO") as Json;
    expect(document.properties.phoneCallProviderBypassEnabled).toBeUndefined();
    expect(validateCreateCall(bypassBody())).toEqual({ ok: true });
  });

  it("accepts OpenAPI nullable fields set to null", () => {
    expect(validateCreateCall({ ...bypassBody(), assistantVersion: null })).toEqual({ ok: true });
  });

  it.each<[string, (a: Json) => void, RegExp]>([
    ["an unknown model provider", (a) => (a.model.provider = "openia"), /model\.provider must be one of/],
    ["a model without its model name", (a) => delete a.model.model, /model\.model is required/],
    ["a removed field (serverUrl, replaced by server)", (a) => (a.serverUrl = "https://x.example"), /serverUrl is not a known property/],
    [
      "a tool name with spaces",
      (a) => (a.model.tools[0].function.name = "check availability"),
      /tools\[0\]\.function\.name must match pattern/,
    ],
    ["maxDurationSeconds below 10", (a) => (a.maxDurationSeconds = 5), /maxDurationSeconds must be >= 10/],
    ["a voice id that is not a string", (a) => (a.voice.voiceId = 42), /voice\.voiceId/],
    [
      "a server message type Vapi does not know",
      (a) => (a.serverMessages = ["status-update", "call-ended"]),
      /serverMessages\[1\] must be one of/,
    ],
    ["a transcriber language Deepgram does not have", (a) => (a.transcriber.language = "klingon"), /transcriber\.language/],
    ["a name longer than 40 characters", (a) => (a.name = "x".repeat(41)), /name must NOT have more than 40 characters/],
  ])("rejects %s with a readable error", (_label, mutate, expected) => {
    const result = validateAssistant(changed(transientAssistant() as Json, mutate));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join("\n")).toMatch(expected);
  });

  it.each<[string, (b: Json) => void, RegExp]>([
    [
      "a bypass flag that is not a boolean",
      (b) => (b.phoneCallProviderBypassEnabled = "true"),
      /phoneCallProviderBypassEnabled must be a boolean/,
    ],
    ["a phoneNumberId that is a number", (b) => (b.phoneNumberId = 12), /phoneNumberId must be string/],
    ["a customer number that is too short", (b) => (b.customer.number = "1"), /customer\.number must NOT have fewer than 3 characters/],
    ["a customer that is a string", (b) => (b.customer = "+12015550123"), /customer must be object/],
    ["an assistant missing its model's required name", (b) => delete b.assistant.model.model, /assistant\.model\.model is required/],
    ["a call-level field that does not exist", (b) => (b.metadata = { a: 1 }), /metadata is not a known property/],
  ])("rejects a create-call body with %s", (_label, mutate, expected) => {
    const result = validateCreateCall(changed(bypassBody() as Json, mutate));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join("\n")).toMatch(expected);
  });

  it("answers non-objects with an error, not an exception", () => {
    for (const value of [null, undefined, 3, "x", [], [bypassBody()]]) {
      expect(validateCreateCall(value).ok).toBe(false);
      expect(validateAssistant(value).ok).toBe(false);
    }
  });
});
