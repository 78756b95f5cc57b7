import { describe, expect, it } from "vitest";
import * as intentsRoute from "@/app/api/intents/route";
import { signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";

useTestApp();

describe("bad input to the JSON API never becomes a 5xx", () => {
  it("refuses a NUL character in any field or key with 422", async () => {
    const { client } = await signUpOwner();
    const bodies = [
      { name: "a\u0000b", example_phrases: ["hello"], action: "answer" },
      { name: "Hours", example_phrases: ["a\u0000b"], action: "answer" },
      { name: "Hours", example_phrases: ["hello"], response_en: "a\u0000b", action: "answer" },
      { name: "Hours", example_phrases: ["hello"], action: "answer", "extra\u0000": 1 },
    ];
    for (const body of bodies) {
      const res = await client.post(intentsRoute.POST, "/api/intents", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
  });
});
