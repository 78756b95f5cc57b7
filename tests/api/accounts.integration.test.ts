import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as completeRoute from "@/app/api/auth/complete-signup/route";
import * as loginRoute from "@/app/api/auth/login/route";
import * as logoutRoute from "@/app/api/auth/logout/route";
import * as signupRoute from "@/app/api/auth/signup/route";
import * as meRoute from "@/app/api/me/route";
import * as membersRoute from "@/app/api/organisation/members/[user_id]/route";
import { addTeammate, PASSWORD, signUpOwner, uniqueEmail } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";

const app = useTestApp();

describe("POST /api/auth/signup", () => {
  it("creates the user, the organisation, the owner membership, defaults and a session in one go", async () => {
    const client = new ApiClient();
    const email = uniqueEmail();
    const res = await client.call(signupRoute.POST, "POST", "/api/auth/signup", {
      body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, organisation_name: "  Harbour Dental " },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({ id: expect.any(String), email });
    expect(res.body.organisation).toEqual({ id: expect.any(String), name: "Harbour Dental", role: "owner" });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).not.toMatch(/Secure/i); // PUBLIC_BASE_URL is http in tests

    const orgId = res.body.organisation.id;
    const { rows } = await app.db().db.execute(sql`
      select (select role from organisation_members where organisation_id = ${orgId}) as role,
             (select count(*)::int from assistant_settings where organisation_id = ${orgId}) as settings,
             (select count(*)::int from working_hours where organisation_id = ${orgId}) as hours,
             (select encrypted_password from auth.users where email = ${email}) as hash,
             (select token_hash from user_sessions s join auth.users u on u.id = s.user_id where u.email = ${email}) as token_hash`);
    expect(rows[0]).toMatchObject({ role: "owner", settings: 1, hours: 5 });
    expect(String(rows[0]!.hash)).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.token_hash).not.toBe(client.cookie);
    expect(String(rows[0]!.token_hash)).toMatch(/^[0-9a-f]{64}$/);

    const me = await client.get(meRoute.GET, "/api/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      user: { id: res.body.user.id, email, language: null },
      organisations: [{ id: orgId, name: "Harbour Dental", role: "owner", timezone: "UTC" }],
      current_organisation_id: orgId,
    });
  });

  it("refuses a taken email with 409", async () => {
    const { email } = await signUpOwner();
    const res = await new ApiClient().post(signupRoute.POST, "/api/auth/signup", {
      email,
      password: PASSWORD,
      organisation_name: "Copycat",
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
  });

  it.each([
    [{ email: "not-an-email", password: PASSWORD, organisation_name: "X" }, "email"],
    [{ email: uniqueEmail(), password: "short", organisation_name: "X" }, "password"],
    [{ email: uniqueEmail(), password: "x".repeat(201), organisation_name: "X" }, "password"],
    [{ email: uniqueEmail(), password: PASSWORD, organisation_name: "   " }, "organisation_name"],
    [{ email: uniqueEmail(), password: PASSWORD, organisation_name: "x".repeat(121) }, "organisation_name"],
    [{ password: PASSWORD, organisation_name: "X" }, "email"],
  ])("refuses bad input with 422 naming the field (%#)", async (body, field) => {
    const res = await new ApiClient().post(signupRoute.POST, "/api/auth/signup", body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it("answers a body that is not JSON with 422, not 500", async () => {
    const res = await new ApiClient().call(signupRoute.POST, "POST", "/api/auth/signup", {
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(422);
  });

  it("refuses a cross-origin sign-up with 403", async () => {
    const res = await new ApiClient().call(signupRoute.POST, "POST", "/api/auth/signup", {
      body: { email: uniqueEmail(), password: PASSWORD, organisation_name: "X" },
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
  });
});

describe("log in and out", () => {
  it("logs in with a new session, and logout revokes it on the server", async () => {
    const { email } = await signUpOwner();
    const client = new ApiClient();
    const login = await client.post(loginRoute.POST, "/api/auth/login", { email, password: PASSWORD });
    expect(login.status).toBe(200);
    const token = client.cookie!;
    expect((await client.get(meRoute.GET, "/api/me")).status).toBe(200);

    const out = await client.post(logoutRoute.POST, "/api/auth/logout");
    expect(out.status).toBe(204);
    const replay = new ApiClient();
    replay.cookie = token; // a copy of the old cookie is dead too
    expect((await replay.get(meRoute.GET, "/api/me")).status).toBe(401);
  });

  it("gives the same 401 message for a wrong password and an unknown email", async () => {
    const { email } = await signUpOwner();
    const wrong = await new ApiClient().post(loginRoute.POST, "/api/auth/login", { email, password: "wrong password!" });
    const unknown = await new ApiClient().post(loginRoute.POST, "/api/auth/login", {
      email: uniqueEmail("nobody"),
      password: PASSWORD,
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it("expires a session after 30 days without use", async () => {
    const { client, userId } = await signUpOwner();
    await app.db().db.execute(sql`update user_sessions set expires_at = now() - interval '1 second' where user_id = ${userId}`);
    expect((await client.get(meRoute.GET, "/api/me")).status).toBe(401);
  });

  it("answers /api/me with 401 when not signed in", async () => {
    const res = await new ApiClient().get(meRoute.GET, "/api/me");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });
});

describe("POST /api/auth/complete-signup", () => {
  it("refuses a person who already has a clinic unless they ask for another", async () => {
    const { client } = await signUpOwner();
    const refused = await client.post(completeRoute.POST, "/api/auth/complete-signup", { organisation_name: "Second" });
    expect(refused.status).toBe(409);
    const created = await client.post(completeRoute.POST, "/api/auth/complete-signup", {
      organisation_name: "Second",
      additional: true,
    });
    expect(created.status).toBe(201);
    const me = await client.get(meRoute.GET, "/api/me");
    expect(me.body.organisations).toHaveLength(2);
    expect(me.body.current_organisation_id).toBe(created.body.organisation.id);
  });

  it("lets a person who left their last clinic create a new one", async () => {
    const owner = await signUpOwner("Solo Clinic");
    await addTeammate(owner.client, "owner"); // someone else keeps the clinic
    const leave = await owner.client.delete(membersRoute.DELETE, "/api/organisation/members/me", {
      user_id: owner.userId,
    });
    expect(leave.status).toBe(204);
    const me = await owner.client.get(meRoute.GET, "/api/me");
    expect(me.body.organisations).toEqual([]);
    expect(me.body.current_organisation_id).toBeNull();
    const created = await owner.client.post(completeRoute.POST, "/api/auth/complete-signup", {
      organisation_name: "Fresh Start",
    });
    expect(created.status).toBe(201);
    expect(created.body.organisation).toMatchObject({ name: "Fresh Start", role: "owner" });
  });
});

describe("errors never leak secrets", () => {
  it("does not echo the password in a validation error", async () => {
    const res = await new ApiClient().post(signupRoute.POST, "/api/auth/signup", {
      email: "bad",
      password: "my secret password",
      organisation_name: "X",
    });
    expect(JSON.stringify(res.body)).not.toContain("my secret password");
  });

  it("treats a malformed member id as not found", async () => {
    const { client } = await signUpOwner();
    const res = await client.delete(membersRoute.DELETE, "/api/organisation/members/x", { user_id: "not-a-uuid" });
    expect(res.status).toBe(404);
  });
});
