import { describe, expect, it } from "vitest";
import * as intentRoute from "@/app/api/intents/[id]/route";
import * as orderRoute from "@/app/api/intents/order/route";
import * as intentsRoute from "@/app/api/intents/route";
import { signUpOwner } from "../helpers/accounts";
import { type ApiClient, useTestApp } from "../helpers/api";

useTestApp();

const booking = {
  name: "Book an appointment",
  example_phrases: ["I'd like to book", "Can I see a doctor tomorrow?"],
  response_en: "I can book that for you.",
  response_ru: "Я могу записать вас на приём.",
  action: "book_appointment",
};

async function create(client: ApiClient, body: Record<string, unknown>) {
  return client.post(intentsRoute.POST, "/api/intents", body);
}

const fieldPaths = (body: { error: { details?: { fields?: { path: string }[] } } }) => body.error.details?.fields?.map((f) => f.path);

describe("POST /api/intents", () => {
  it("creates an intent with defaults and appends it to the end of the list", async () => {
    const { client } = await signUpOwner();
    const first = await create(client, booking);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      ...booking,
      is_active: true,
      position: 0,
      created_at: expect.any(String),
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
    });
    const second = await create(client, {
      name: "Opening hours",
      example_phrases: ["When are you open?"],
      response_ru: "Мы открыты с 9 до 17.",
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ position: 1, action: "answer", response_en: null, response_ru: "Мы открыты с 9 до 17." });
  });

  it("trims text and turns a blank answer into null", async () => {
    const { client } = await signUpOwner();
    const res = await create(client, {
      name: "  Prices  ",
      example_phrases: ["  how much?  "],
      response_en: " It depends. ",
      response_ru: "   ",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Prices", example_phrases: ["how much?"], response_en: "It depends.", response_ru: null });
  });

  it.each([
    ["no name", { ...booking, name: "" }, "name"],
    ["a name over 80 characters", { ...booking, name: "x".repeat(81) }, "name"],
    ["no example phrases", { ...booking, example_phrases: [] }, "example_phrases"],
    ["51 example phrases", { ...booking, example_phrases: Array.from({ length: 51 }, (_, i) => `phrase ${i}`) }, "example_phrases"],
    ["an empty phrase", { ...booking, example_phrases: ["ok", " "] }, "example_phrases.1"],
    ["a phrase over 200 characters", { ...booking, example_phrases: ["x".repeat(201)] }, "example_phrases.0"],
    ["no answer in either language", { ...booking, response_en: "", response_ru: null }, "response_en"],
    ["an answer over 2000 characters", { ...booking, response_ru: "я".repeat(2001) }, "response_ru"],
    ["an unknown action", { ...booking, action: "prescribe" }, "action"],
    ["is_active that is not a boolean", { ...booking, is_active: "yes" }, "is_active"],
    ["a negative position", { ...booking, position: -1 }, "position"],
  ])("refuses %s with 422 naming the field", async (_label, body, path) => {
    const { client } = await signUpOwner();
    const res = await create(client, body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_input");
    expect(fieldPaths(res.body)).toContain(path);
  });

  it("accepts exactly 80 characters, 50 phrases of 200 and answers of 2000", async () => {
    const { client } = await signUpOwner();
    const res = await create(client, {
      name: "n".repeat(80),
      example_phrases: Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(200, "x")),
      response_en: "e".repeat(2000),
      response_ru: "р".repeat(2000),
    });
    expect(res.status).toBe(201);
  });

  it("refuses a name already used in the clinic, ignoring case, with 409 on the name field", async () => {
    const { client } = await signUpOwner();
    expect((await create(client, booking)).status).toBe(201);
    const res = await create(client, { ...booking, name: "BOOK AN APPOINTMENT" });
    expect(res.status).toBe(409);
    expect(fieldPaths(res.body)).toEqual(["name"]);
  });

  it("allows the same name in another clinic", async () => {
    const a = await signUpOwner();
    const b = await signUpOwner();
    expect((await create(a.client, booking)).status).toBe(201);
    expect((await create(b.client, booking)).status).toBe(201);
  });

  it("answers 422 for a body that is not JSON", async () => {
    const { client } = await signUpOwner();
    const res = await client.call(intentsRoute.POST, "POST", "/api/intents", {
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(422);
  });
});

describe("GET /api/intents and /api/intents/:id", () => {
  it("lists the clinic's intents in order and never another clinic's", async () => {
    const { client } = await signUpOwner();
    const other = await signUpOwner();
    await create(other.client, { ...booking, name: "Theirs" });
    await create(client, { ...booking, name: "Second", position: 5 });
    await create(client, { ...booking, name: "First", position: 1 });
    const res = await client.get(intentsRoute.GET, "/api/intents");
    expect(res.status).toBe(200);
    expect(res.body.map((i: { name: string }) => i.name)).toEqual(["First", "Second"]);
  });

  it("reads one intent; another clinic's id or a malformed id is 404", async () => {
    const { client } = await signUpOwner();
    const other = await signUpOwner();
    const mine = await create(client, booking);
    const theirs = await create(other.client, booking);
    expect((await client.get(intentRoute.GET, "/x", { id: mine.body.id })).body).toEqual(mine.body);
    expect((await client.get(intentRoute.GET, "/x", { id: theirs.body.id })).status).toBe(404);
    expect((await client.get(intentRoute.GET, "/x", { id: "not-a-uuid" })).status).toBe(404);
  });
});

describe("PUT /api/intents/:id", () => {
  it("replaces the intent at the version it was read, and returns the new version", async () => {
    const { client } = await signUpOwner();
    const created = await create(client, booking);
    const res = await client.put(
      intentRoute.PUT,
      "/x",
      {
        name: "Book a visit",
        example_phrases: ["Book me in"],
        response_en: null,
        response_ru: "Записываю.",
        action: "book_appointment",
        is_active: false,
        updated_at: created.body.updated_at,
      },
      { id: created.body.id },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: "Book a visit",
      example_phrases: ["Book me in"],
      response_en: null,
      is_active: false,
      position: 0,
    });
    expect(res.body.updated_at).not.toBe(created.body.updated_at);
  });

  it("refuses a stale version with 409 and keeps the first edit", async () => {
    const { client } = await signUpOwner();
    const created = await create(client, booking);
    const edit = (name: string) =>
      client.put(intentRoute.PUT, "/x", { ...booking, name, updated_at: created.body.updated_at }, { id: created.body.id });
    expect((await edit("Alice's edit")).status).toBe(200);
    const stale = await edit("Bob's edit");
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual({ reason: "stale_version" });
    expect((await client.get(intentRoute.GET, "/x", { id: created.body.id })).body.name).toBe("Alice's edit");
  });

  it("lets exactly one of two concurrent edits of the same version win", async () => {
    const { client } = await signUpOwner();
    const created = await create(client, booking);
    const results = await Promise.all(
      ["One", "Two", "Three"].map((name) =>
        client.put(intentRoute.PUT, "/x", { ...booking, name, updated_at: created.body.updated_at }, { id: created.body.id }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it("refuses a version with only millisecond precision, which is not the one stored", async () => {
    const { client } = await signUpOwner();
    const created = await create(client, booking);
    const rounded = new Date(created.body.updated_at).toISOString();
    const res = await client.put(intentRoute.PUT, "/x", { ...booking, updated_at: rounded }, { id: created.body.id });
    // Unless the microseconds happened to be a whole millisecond, that is another version.
    expect(res.status).toBe(created.body.updated_at.endsWith("000Z") ? 200 : 409);
  });

  it("refuses a rename onto another intent's name with 409", async () => {
    const { client } = await signUpOwner();
    await create(client, { ...booking, name: "Prices" });
    const other = await create(client, booking);
    const res = await client.put(
      intentRoute.PUT,
      "/x",
      { ...booking, name: "prices", updated_at: other.body.updated_at },
      { id: other.body.id },
    );
    expect(res.status).toBe(409);
    expect(fieldPaths(res.body)).toEqual(["name"]);
  });

  it("validates like POST and needs updated_at", async () => {
    const { client } = await signUpOwner();
    const created = await create(client, booking);
    const missing = await client.put(intentRoute.PUT, "/x", booking, { id: created.body.id });
    expect(missing.status).toBe(422);
    expect(fieldPaths(missing.body)).toContain("updated_at");
    const bad = await client.put(
      intentRoute.PUT,
      "/x",
      { ...booking, example_phrases: [], updated_at: created.body.updated_at },
      { id: created.body.id },
    );
    expect(bad.status).toBe(422);
    expect(fieldPaths(bad.body)).toContain("example_phrases");
  });

  it("answers 404 for another clinic's intent and leaves it unchanged", async () => {
    const { client } = await signUpOwner();
    const other = await signUpOwner();
    const theirs = await create(other.client, booking);
    const res = await client.put(
      intentRoute.PUT,
      "/x",
      { ...booking, name: "Hijacked", updated_at: theirs.body.updated_at },
      { id: theirs.body.id },
    );
    expect(res.status).toBe(404);
    expect((await other.client.get(intentRoute.GET, "/x", { id: theirs.body.id })).body.name).toBe(booking.name);
  });
});

describe("DELETE /api/intents/:id", () => {
  it("deletes, then answers 404; another clinic's intent is 404 and survives", async () => {
    const { client } = await signUpOwner();
    const other = await signUpOwner();
    const mine = await create(client, booking);
    const theirs = await create(other.client, booking);
    expect((await client.delete(intentRoute.DELETE, "/x", { id: mine.body.id })).status).toBe(204);
    expect((await client.delete(intentRoute.DELETE, "/x", { id: mine.body.id })).status).toBe(404);
    expect((await client.delete(intentRoute.DELETE, "/x", { id: theirs.body.id })).status).toBe(404);
    expect((await other.client.get(intentRoute.GET, "/x", { id: theirs.body.id })).status).toBe(200);
  });
});

describe("PUT /api/intents/order", () => {
  it("puts the intents in the order given", async () => {
    const { client } = await signUpOwner();
    const ids: string[] = [];
    for (const name of ["A", "B", "C"]) ids.push((await create(client, { ...booking, name })).body.id);
    const res = await client.put(orderRoute.PUT, "/api/intents/order", { ids: [ids[2], ids[0], ids[1]] });
    expect(res.status).toBe(200);
    expect(res.body.map((i: { name: string; position: number }) => [i.name, i.position])).toEqual([
      ["C", 0],
      ["A", 1],
      ["B", 2],
    ]);
  });

  it("refuses a list that is not exactly the clinic's intents with 409, changing nothing", async () => {
    const { client } = await signUpOwner();
    const other = await signUpOwner();
    const a = await create(client, { ...booking, name: "A" });
    const b = await create(client, { ...booking, name: "B" });
    const theirs = await create(other.client, booking);
    for (const ids of [[b.body.id], [b.body.id, a.body.id, theirs.body.id], [theirs.body.id, a.body.id]]) {
      expect((await client.put(orderRoute.PUT, "/api/intents/order", { ids })).status).toBe(409);
    }
    expect((await client.put(orderRoute.PUT, "/api/intents/order", { ids: [a.body.id, a.body.id] })).status).toBe(422);
    const list = await client.get(intentsRoute.GET, "/api/intents");
    expect(list.body.map((i: { name: string }) => i.name)).toEqual(["A", "B"]);
  });
});
