import { beforeAll, describe, expect, it } from "vitest";
import * as settingsRoute from "@/app/api/assistant-settings/route";
import * as intentRoute from "@/app/api/intents/[id]/route";
import * as orderRoute from "@/app/api/intents/order/route";
import * as intentsRoute from "@/app/api/intents/route";
import * as numberRoute from "@/app/api/phone-numbers/[id]/route";
import * as numbersRoute from "@/app/api/phone-numbers/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import * as statusRoute from "@/app/api/working-hours/status/route";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { ApiClient, type ApiResponse, useTestApp } from "../helpers/api";
import { ukNumber } from "../helpers/phone-numbers";

useTestApp();

/**
 * Every clinic-configuration route against every role: members read (200) and are refused
 * writes (403, nothing changes); admins and owners write. Fixtures are created by the owner.
 */
interface Fixture {
  intent: { id: string; updated_at: string };
  number: { id: string; phone_number: string };
}

const intentBody = { name: "Prices", example_phrases: ["How much?"], response_en: "It depends." };
const hoursBody = {
  timezone: "Europe/London",
  days: [{ day_of_week: 1, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] }],
  exceptions: [],
};
const settingsBody = {
  greeting_en: "Hello.",
  greeting_ru: null,
  default_language: "en",
  after_hours_behaviour: "take_message",
  recording_disclosure: { enabled: true, text: "Recorded." },
  max_call_minutes: 5,
  emergency_message: "Call 999.",
};

type Request = (client: ApiClient, f: Fixture) => Promise<ApiResponse>;

const reads: [string, Request][] = [
  ["GET /api/intents", (c) => c.get(intentsRoute.GET, "/api/intents")],
  ["GET /api/intents/:id", (c, f) => c.get(intentRoute.GET, "/x", { id: f.intent.id })],
  ["GET /api/phone-numbers", (c) => c.get(numbersRoute.GET, "/api/phone-numbers")],
  ["GET /api/phone-numbers/:id", (c, f) => c.get(numberRoute.GET, "/x", { id: f.number.id })],
  ["GET /api/working-hours", (c) => c.get(hoursRoute.GET, "/api/working-hours")],
  ["GET /api/working-hours/status", (c) => c.get(statusRoute.GET, "/api/working-hours/status")],
  ["GET /api/assistant-settings", (c) => c.get(settingsRoute.GET, "/api/assistant-settings")],
];

/** [route, request, success status]; each write leaves the fixture usable for the next. */
const writes: [string, Request, number][] = [
  ["POST /api/intents", (c) => c.post(intentsRoute.POST, "/api/intents", { ...intentBody, name: `Intent ${Math.random()}` }), 201],
  [
    "PUT /api/intents/:id",
    (c, f) => c.put(intentRoute.PUT, "/x", { ...intentBody, updated_at: f.intent.updated_at }, { id: f.intent.id }),
    200,
  ],
  [
    "PUT /api/intents/order",
    async (c) => {
      const list = await c.get(intentsRoute.GET, "/api/intents");
      return c.put(orderRoute.PUT, "/api/intents/order", { ids: list.body.map((i: { id: string }) => i.id).reverse() });
    },
    200,
  ],
  ["DELETE /api/intents/:id", (c, f) => c.delete(intentRoute.DELETE, "/x", { id: f.intent.id }), 204],
  ["POST /api/phone-numbers", (c) => c.post(numbersRoute.POST, "/api/phone-numbers", { phone_number: ukNumber().e164 }), 201],
  [
    "PUT /api/phone-numbers/:id",
    (c, f) => c.put(numberRoute.PUT, "/x", { phone_number: f.number.phone_number, is_active: false }, { id: f.number.id }),
    200,
  ],
  ["DELETE /api/phone-numbers/:id", (c, f) => c.delete(numberRoute.DELETE, "/x", { id: f.number.id }), 204],
  ["PUT /api/working-hours", (c) => c.put(hoursRoute.PUT, "/api/working-hours", hoursBody), 200],
  ["PUT /api/assistant-settings", (c) => c.put(settingsRoute.PUT, "/api/assistant-settings", settingsBody), 200],
];

describe.each(["owner", "admin", "member"] as const)("as %s", (role) => {
  let owner: ApiClient;
  let actor: ApiClient;

  beforeAll(async () => {
    const signedUp = await signUpOwner(`Roles ${role}`);
    owner = signedUp.client;
    actor = role === "owner" ? owner : (await addTeammate(owner, role)).client;
  });

  async function freshFixture(): Promise<Fixture> {
    const intent = await owner.post(intentsRoute.POST, "/api/intents", { ...intentBody, name: `Fixture ${Math.random()}` });
    const number = await owner.post(numbersRoute.POST, "/api/phone-numbers", { phone_number: ukNumber().e164 });
    expect([intent.status, number.status]).toEqual([201, 201]);
    return { intent: intent.body, number: number.body };
  }

  it.each(reads)("%s → 200", async (_route, request) => {
    const res = await request(actor, await freshFixture());
    expect(res.status).toBe(200);
  });

  it.each(writes)("%s", async (_route, request, success) => {
    const fixture = await freshFixture();
    const before = await Promise.all([
      owner.get(intentsRoute.GET, "/api/intents"),
      owner.get(numbersRoute.GET, "/api/phone-numbers"),
      owner.get(hoursRoute.GET, "/api/working-hours"),
      owner.get(settingsRoute.GET, "/api/assistant-settings"),
    ]);
    const res = await request(actor, fixture);
    if (role === "member") {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
      const after = await Promise.all([
        owner.get(intentsRoute.GET, "/api/intents"),
        owner.get(numbersRoute.GET, "/api/phone-numbers"),
        owner.get(hoursRoute.GET, "/api/working-hours"),
        owner.get(settingsRoute.GET, "/api/assistant-settings"),
      ]);
      expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    } else {
      expect(res.status).toBe(success);
    }
  });
});

describe("without a session", () => {
  it.each(reads)("%s → 401", async (_route, request) => {
    const res = await request(new ApiClient(), {
      intent: { id: crypto.randomUUID(), updated_at: "" },
      number: { id: crypto.randomUUID(), phone_number: "" },
    });
    expect(res.status).toBe(401);
  });
});
