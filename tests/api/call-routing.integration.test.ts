import { describe, expect, it } from "vitest";
import * as routingRoute from "@/app/api/call-routing/route";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";

useTestApp();

const valid = {
  staff_destinations: [
    { name: "Front desk", number: "+44 20 7946 0001", sms: true },
    { name: "Practice manager", number: "+442079460002" },
  ],
  ring_timeout_seconds: 25,
  ring_staff_first: true,
  ring_staff_first_seconds: 10,
  no_answer: "callback",
  after_hours_mode: "forward",
  on_call_number: "+442079460099",
  emergency_transfer: true,
};

describe("call routing settings", () => {
  it("answers the defaults until saved; admins save, members read, another clinic sees its own", async () => {
    const { client: owner } = await signUpOwner();
    const before = await owner.get(routingRoute.GET, "/api/call-routing");
    expect(before.body).toEqual({
      staff_destinations: [],
      ring_timeout_seconds: 20,
      ring_staff_first: false,
      ring_staff_first_seconds: 15,
      no_answer: "voicemail",
      after_hours_mode: "assistant",
      on_call_number: null,
      emergency_transfer: false,
    });
    const saved = await owner.put(routingRoute.PUT, "/api/call-routing", valid);
    expect(saved.status).toBe(200);
    expect(saved.body.staff_destinations).toEqual([
      { name: "Front desk", number: "+442079460001", sms: true },
      { name: "Practice manager", number: "+442079460002", sms: false },
    ]);
    const member = await addTeammate(owner, "member");
    expect((await member.client.get(routingRoute.GET, "/api/call-routing")).body).toEqual(saved.body);
    expect((await member.client.put(routingRoute.PUT, "/api/call-routing", valid)).status).toBe(403);
    const admin = await addTeammate(owner, "admin");
    expect((await admin.client.put(routingRoute.PUT, "/api/call-routing", { ...valid, ring_timeout_seconds: 30 })).status).toBe(200);
    const other = await signUpOwner("Other");
    expect((await other.client.get(routingRoute.GET, "/api/call-routing")).body.staff_destinations).toEqual([]);
  });

  it("refuses what cannot work, saying which field", async () => {
    const { client } = await signUpOwner();
    const cases: [Record<string, unknown>, string][] = [
      [
        { ...valid, staff_destinations: Array.from({ length: 11 }, (_, i) => ({ name: `N${i}`, number: `+4420794600${10 + i}` })) },
        "staff_destinations",
      ],
      [
        {
          ...valid,
          staff_destinations: [
            { name: "A", number: "+442079460001" },
            { name: "B", number: "+44 20 7946 0001" },
          ],
        },
        "staff_destinations",
      ],
      [{ ...valid, staff_destinations: [{ name: "", number: "+442079460001" }] }, "staff_destinations.0.name"],
      [{ ...valid, staff_destinations: [{ name: "A", number: "12" }] }, "staff_destinations.0.number"],
      [{ ...valid, on_call_number: null }, "on_call_number"],
      [{ ...valid, after_hours_mode: "assistant", emergency_transfer: true, on_call_number: null }, "on_call_number"],
      [{ ...valid, ring_timeout_seconds: 1e9 }, "ring_timeout_seconds"],
      [{ ...valid, ring_timeout_seconds: 2 }, "ring_timeout_seconds"],
      [{ ...valid, staff_destinations: [], ring_staff_first: true }, "staff_destinations"],
      [{ ...valid, after_hours_mode: "party" }, "after_hours_mode"],
      [{ ...valid, extra: 1 }, ""],
    ];
    for (const [body, path] of cases) {
      const res = await client.put(routingRoute.PUT, "/api/call-routing", body);
      expect({ path, status: res.status }).toEqual({ path, status: 422 });
      if (path) expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
  });
});
