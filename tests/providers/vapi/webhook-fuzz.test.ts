import { describe, expect, it } from "vitest";
import { parseVapiMessage, parseVapiWebhookBody } from "@/providers/vapi/webhook-schemas";

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  "message",
  "type",
  "call",
  "id",
  "metadata",
  "status",
  "endedReason",
  "toolCallList",
  "toolCalls",
  "toolWithToolCallList",
  "toolCall",
  "function",
  "name",
  "arguments",
  "parameters",
  "artifact",
  "recording",
  "mono",
  "analysis",
  "costs",
  "cost",
  "startedAt",
  "endedAt",
  "transcript",
  "__proto__",
  "constructor",
];
const TYPES = ["status-update", "end-of-call-report", "tool-calls", "hang", "speech-update", "", "TOOL-CALLS"];
const STATUSES = ["ringing", "in-progress", "ended", "bogus"];

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const roll = next();
  if (depth > 5 || roll < 0.25) {
    return pick<unknown>([
      null,
      true,
      false,
      0,
      -1,
      1e308,
      Number.MIN_VALUE,
      "",
      "x".repeat(Math.floor(next() * 50)),
      '{"a":',
      pick(TYPES),
      pick(STATUSES),
      "2026-03-10T08:00:00Z",
      "not-a-date",
    ]);
  }
  if (roll < 0.45) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 5); i > 0; i--) object[pick(KEYS)] = randomValue(next, depth + 1);
  if (next() < 0.5) object.type = pick(TYPES);
  return object;
}

/** A valid message with one subtree replaced by noise. */
function mutatedMessage(next: () => number): unknown {
  const message: Record<string, unknown> = {
    type: TYPES[Math.floor(next() * 4)],
    status: "ended",
    endedReason: "customer-ended-call",
    call: { id: "c1", metadata: { organisation_id: "o" } },
    toolCallList: [{ id: "t1", type: "function", function: { name: "x", arguments: "{}" } }],
    artifact: { recording: { mono: { combinedUrl: "u" } }, transcript: "t" },
    analysis: { summary: "s" },
  };
  const keys = Object.keys(message);
  const key = keys[Math.floor(next() * keys.length)] as string;
  message[key] = randomValue(next, 2);
  return { message };
}

describe("parseVapiMessage fuzzing", () => {
  it("answers thousands of random and malformed bodies with a result, never an exception", () => {
    const next = random(20260310);
    const counts = { ok: 0, error: 0 };
    for (let i = 0; i < 4000; i++) {
      const body = i % 2 === 0 ? { message: randomValue(next, 0) } : i % 3 === 0 ? randomValue(next, 0) : mutatedMessage(next);
      const result = parseVapiMessage(body);
      if (result.ok) {
        counts.ok++;
        expect(typeof result.message.type).toBe("string");
      } else {
        counts.error++;
        expect(result.error.length).toBeGreaterThan(0);
      }
    }
    // Both outcomes occur, so the generator really reaches the schemas.
    expect(counts.ok).toBeGreaterThan(100);
    expect(counts.error).toBeGreaterThan(100);
  });

  it("survives raw bodies that are truncated, huge, deeply nested or full of prototype keys", () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const bodies = [
      "",
      "null",
      `{"message":{"type":"tool-calls","call":{"id":"c"},"toolCallList":[{"id":"t","function":{"name":"x","arguments":"${"{".repeat(3000)}"}}]}}`,
      '{"message":{"type":"status-update","status":"ended","call":{"id":"c","__proto__":{"id":5}}}}',
      '{"__proto__":{"message":{"type":"hang"}}}',
      `{"message":${deep}}`,
      `{"message":{"type":"end-of-call-report","endedReason":"x","call":{"id":"c"},"artifact":{"transcript":"${"a".repeat(1_000_000)}"}}}`,
      '{"message":{"type":"end-of-call-report","endedReason":"x","call":{"id":"c"},"costs":[{"type":"t","cost":1e999}]}}',
    ];
    for (const body of bodies) {
      expect(() => parseVapiWebhookBody(body)).not.toThrow();
    }
  });
});
