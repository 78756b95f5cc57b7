import { describe, expect, it } from "vitest";
import * as numberRoute from "@/app/api/phone-numbers/[id]/route";
import * as numbersRoute from "@/app/api/phone-numbers/route";
import { signUpOwner } from "../helpers/accounts";
import { type ApiClient, useTestApp } from "../helpers/api";
import { ruNumber, ukNumber, usNumber } from "../helpers/phone-numbers";

useTestApp();

const add = (client: ApiClient, body: Record<string, unknown>) => client.post(numbersRoute.POST, "/api/phone-numbers", body);
const fieldPaths = (body: { error: { details?: { fields?: { path: string }[] } } }) => body.error.details?.fields?.map((f) => f.path);

describe("POST /api/phone-numbers", () => {
  it.each([
    ["a British national number", () => ukNumber(), (n: { national: string }) => n.national, "GB"],
    ["an American national number", () => usNumber(), (n: { national: string }) => n.national, "US"],
    ["a Russian number with the trunk 8", () => ruNumber(), (n: { national: string }) => n.national, "ru"],
    [
      "an international number without a country",
      () => ukNumber(),
      (n: { e164: string }) => n.e164.replace(/^(\+44)(20)/, "$1 $2 "),
      undefined,
    ],
  ])("stores %s in E.164", async (_label, makeNumber, format, country) => {
    const { client } = await signUpOwner();
    const number = makeNumber();
    const phone_number = format(number);
    const e164 = number.e164;
    const res = await add(client, { phone_number, country, label: "Reception", vapi_phone_number_id: "3f2a9c1e-vapi_id" });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      phone_number: e164,
      label: "Reception",
      is_active: true,
      vapi_phone_number_id: "3f2a9c1e-vapi_id",
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it.each([
    ["not a number", { phone_number: "reception", country: "GB" }, "phone_number"],
    ["too short", { phone_number: "12345", country: "GB" }, "phone_number"],
    ["national without a country", { phone_number: "020 7946 0958" }, "phone_number"],
    ["empty", { phone_number: "" }, "phone_number"],
    ["an unknown country", { phone_number: "020 7946 0958", country: "XX" }, "country"],
    ["a label over 80 characters", { phone_number: "+442079460958", label: "x".repeat(81) }, "label"],
    ["a Vapi id with spaces", { phone_number: "+442079460958", vapi_phone_number_id: "not an id" }, "vapi_phone_number_id"],
  ])("refuses %s with 422 naming the field", async (_label, body, path) => {
    const { client } = await signUpOwner();
    const res = await add(client, body);
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toContain(path);
  });

  it("refuses a number already in the clinic's list, whatever its format or state, with 409", async () => {
    const { client } = await signUpOwner();
    const number = ukNumber();
    expect((await add(client, { phone_number: number.e164, is_active: false })).status).toBe(201);
    const res = await add(client, { phone_number: number.national, country: number.country });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already in your list/);
  });

  it("refuses a number active at another clinic with 409 that does not name the clinic", async () => {
    const first = await signUpOwner("Riverside Family Practice");
    const second = await signUpOwner("Hilltop Clinic");
    const number = usNumber();
    expect((await add(first.client, { phone_number: number.e164 })).status).toBe(201);
    const res = await add(second.client, { phone_number: number.national, country: number.country });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already registered/);
    expect(JSON.stringify(res.body)).not.toMatch(/Riverside|Family|Practice/);
    expect(fieldPaths(res.body)).toEqual(["phone_number"]);
    expect((await second.client.get(numbersRoute.GET, "/api/phone-numbers")).body).toEqual([]);
  });

  it("allows another clinic to list the number inactive, but not to switch it on", async () => {
    const first = await signUpOwner();
    const second = await signUpOwner();
    const number = usNumber();
    await add(first.client, { phone_number: number.e164 });
    const inactive = await add(second.client, { phone_number: number.e164, is_active: false });
    expect(inactive.status).toBe(201);
    const activate = await second.client.put(
      numberRoute.PUT,
      "/x",
      { phone_number: number.e164, is_active: true },
      { id: inactive.body.id },
    );
    expect(activate.status).toBe(409);
    expect(activate.body.error.message).toMatch(/already registered/);
  });

  it("lets a number move once the first clinic switches it off", async () => {
    const first = await signUpOwner();
    const second = await signUpOwner();
    const number = ukNumber();
    const theirs = await add(first.client, { phone_number: number.e164 });
    await first.client.put(numberRoute.PUT, "/x", { phone_number: number.e164, is_active: false }, { id: theirs.body.id });
    expect((await add(second.client, { phone_number: number.national, country: number.country })).status).toBe(201);
  });
});

describe("GET /api/phone-numbers and /api/phone-numbers/:id", () => {
  it("lists the clinic's numbers only; another clinic's id is 404", async () => {
    const { client } = await signUpOwner();
    const other = await signUpOwner();
    const mine = await add(client, { phone_number: ukNumber().e164, label: "Main" });
    const theirs = await add(other.client, { phone_number: usNumber().e164 });
    expect((await client.get(numbersRoute.GET, "/api/phone-numbers")).body).toEqual([mine.body]);
    expect((await client.get(numberRoute.GET, "/x", { id: mine.body.id })).body).toEqual(mine.body);
    expect((await client.get(numberRoute.GET, "/x", { id: theirs.body.id })).status).toBe(404);
    expect((await client.get(numberRoute.GET, "/x", { id: "42" })).status).toBe(404);
  });
});

describe("PUT /api/phone-numbers/:id", () => {
  it("replaces label, state and Vapi id, normalising the number", async () => {
    const { client } = await signUpOwner();
    const number = ukNumber();
    const created = await add(client, { phone_number: number.e164, label: "Main", vapi_phone_number_id: "abc" });
    const res = await client.put(
      numberRoute.PUT,
      "/x",
      { phone_number: number.national, country: number.country, label: "Front desk", is_active: false },
      { id: created.body.id },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone_number: number.e164, label: "Front desk", is_active: false, vapi_phone_number_id: null });
  });

  it("needs is_active and a valid number", async () => {
    const { client } = await signUpOwner();
    const created = await add(client, { phone_number: ukNumber().e164 });
    const res = await client.put(numberRoute.PUT, "/x", { phone_number: "999" }, { id: created.body.id });
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toEqual(expect.arrayContaining(["is_active"]));
  });

  it("refuses to change a number into another already in the list", async () => {
    const { client } = await signUpOwner();
    const number = ukNumber();
    await add(client, { phone_number: number.e164 });
    const second = await add(client, { phone_number: usNumber().e164 });
    const res = await client.put(numberRoute.PUT, "/x", { phone_number: number.e164, is_active: true }, { id: second.body.id });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already in your list/);
  });

  it("answers 404 for another clinic's number and leaves it unchanged", async () => {
    const { client } = await signUpOwner();
    const other = await signUpOwner();
    const number = usNumber();
    const theirs = await add(other.client, { phone_number: number.e164, label: "Theirs" });
    const res = await client.put(numberRoute.PUT, "/x", { phone_number: number.e164, is_active: false }, { id: theirs.body.id });
    expect(res.status).toBe(404);
    expect((await other.client.get(numberRoute.GET, "/x", { id: theirs.body.id })).body).toEqual(theirs.body);
  });
});

describe("DELETE /api/phone-numbers/:id", () => {
  it("deletes the clinic's number and frees it; another clinic's is 404", async () => {
    const { client } = await signUpOwner();
    const other = await signUpOwner();
    const number = ukNumber();
    const mine = await add(client, { phone_number: number.e164 });
    const theirs = await add(other.client, { phone_number: usNumber().e164 });
    expect((await client.delete(numberRoute.DELETE, "/x", { id: theirs.body.id })).status).toBe(404);
    expect((await client.delete(numberRoute.DELETE, "/x", { id: mine.body.id })).status).toBe(204);
    expect((await client.delete(numberRoute.DELETE, "/x", { id: mine.body.id })).status).toBe(404);
    expect((await add(other.client, { phone_number: number.e164 })).status).toBe(201);
  });
});
