import { describe, expect, it } from "vitest";
import { validateVapiComponent } from "@/providers/vapi/openapi";
import { toolCallResponse, verifyVapiSecret } from "@/providers/vapi/webhook-schemas";

describe("toolCallResponse", () => {
  it("keeps order, names every result and collapses every string to one line", () => {
    const body = toolCallResponse([
      { toolCallId: "t1", name: "check_availability", result: "Free at:\n10:00\r\n  11:30\u2028noon" },
      { toolCallId: "t2", name: "book_appointment", error: "Slot taken.\nTry another." },
      { toolCallId: "t3", name: "lookup", result: { slots: ["10:00", "11:00"], note: "line\nbreak" } },
      { toolCallId: "t4\n", name: "multi\nline", result: undefined },
    ]);
    expect(body).toEqual({
      results: [
        { toolCallId: "t1", name: "check_availability", result: "Free at: 10:00 11:30 noon" },
        { toolCallId: "t2", name: "book_appointment", error: "Slot taken. Try another." },
        { toolCallId: "t3", name: "lookup", result: '{"slots":["10:00","11:00"],"note":"line\\nbreak"}' },
        { toolCallId: "t4", name: "multi line", result: "" },
      ],
    });
    for (const result of body.results) for (const value of Object.values(result)) expect(value).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(validateVapiComponent("ServerMessageResponseToolCalls", body)).toEqual({ ok: true });
  });

  it("answers an empty list with empty results", () => {
    expect(toolCallResponse([])).toEqual({ results: [] });
  });
});

describe("verifyVapiSecret", () => {
  it("accepts exactly the configured secret", () => {
    expect(verifyVapiSecret("s3cret-value", "s3cret-value")).toBe(true);
  });

  it.each<[string, string | null | undefined, string | null | undefined]>([
    ["a wrong secret", "s3cret-valuE", "s3cret-value"],
    ["a prefix of the secret", "s3cret", "s3cret-value"],
    ["a longer value", "s3cret-value-and-more", "s3cret-value"],
    ["a missing header", undefined, "s3cret-value"],
    ["an empty header", "", "s3cret-value"],
    ["no configured secret", "s3cret-value", undefined],
    ["an empty configured secret", "", ""],
    ["both missing", null, null],
  ])("refuses %s", (_label, header, configured) => {
    expect(verifyVapiSecret(header, configured)).toBe(false);
  });
});
