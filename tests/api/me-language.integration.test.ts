import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/me/route";
import { signUpOwner } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";

const app = useTestApp();

describe("PATCH /api/me {language}", () => {
  it("records the person's language, answers it on GET /api/me and remembers it in the browser", async () => {
    const { client } = await signUpOwner();
    expect((await client.get(meRoute.GET, "/api/me")).body.user.language).toBeNull();

    const res = await client.patch(meRoute.PATCH, "/api/me", { language: "ru" });
    expect(res.status).toBe(200);
    expect(res.body.user.language).toBe("ru");
    expect(res.headers.get("set-cookie")).toMatch(/clinicall_locale=ru/);
    expect((await client.get(meRoute.GET, "/api/me")).body.user.language).toBe("ru");

    expect((await client.patch(meRoute.PATCH, "/api/me", { language: "en" })).body.user.language).toBe("en");
    expect((await client.get(meRoute.GET, "/api/me")).body.user.language).toBe("en");
  });

  it("creates the profile row when a person has none", async () => {
    const { client, userId } = await signUpOwner();
    await app.db().db.execute(sql`delete from public.profiles where id = ${userId}`);
    expect((await client.patch(meRoute.PATCH, "/api/me", { language: "ru" })).status).toBe(200);
    const { rows } = await app.db().db.execute(sql`select language from public.profiles where id = ${userId}`);
    expect(rows).toEqual([{ language: "ru" }]);
  });

  it("refuses another language, other fields, a wrong type and a NUL byte with 422; signed out is 401", async () => {
    const { client } = await signUpOwner();
    for (const body of [{ language: "de" }, { language: "ru", email: "x@y.z" }, { language: 1 }, {}, { language: "ru\u0000" }]) {
      const res = await client.patch(meRoute.PATCH, "/api/me", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe("invalid_input");
    }
    expect((await new ApiClient().patch(meRoute.PATCH, "/api/me", { language: "ru" })).status).toBe(401);
  });

  it("the database refuses a language outside en/ru", async () => {
    const { userId } = await signUpOwner();
    await expect(app.db().db.execute(sql`update public.profiles set language = 'de' where id = ${userId}`)).rejects.toThrow();
  });
});
