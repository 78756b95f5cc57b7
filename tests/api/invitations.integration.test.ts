import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as signupRoute from "@/app/api/auth/signup/route";
import * as acceptRoute from "@/app/api/invitations/accept/route";
import * as previewRoute from "@/app/api/invitations/preview/route";
import * as meRoute from "@/app/api/me/route";
import * as invitationRoute from "@/app/api/organisation/invitations/[id]/route";
import * as invitationsRoute from "@/app/api/organisation/invitations/route";
import { addTeammate, PASSWORD, signUpOwner, uniqueEmail } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";

const app = useTestApp();

async function invite(client: ApiClient, role = "member", email = uniqueEmail("invitee")) {
  const res = await client.post(invitationsRoute.POST, "/api/organisation/invitations", { email, role });
  return { res, email, token: res.status === 201 ? new URL(res.body.accept_url).searchParams.get("token")! : "" };
}

async function signedIn(email: string) {
  const client = new ApiClient();
  await client.post(signupRoute.POST, "/api/auth/signup", { email, password: PASSWORD, organisation_name: "Own" });
  return client;
}

describe("POST /api/organisation/invitations", () => {
  it("gives an admin a single-use accept link valid 7 days", async () => {
    const owner = await signUpOwner();
    const { res } = await invite(owner.client, "admin");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: "admin", status: "pending" });
    expect(res.body.accept_url).toMatch(/^http:\/\/localhost:3000\/invitations\/accept\?token=[\w-]{43}$/);
    const days = (Date.parse(res.body.expires_at) - Date.parse(res.body.created_at)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);
    const list = await owner.client.get(invitationsRoute.GET, "/api/organisation/invitations");
    expect(list.body[0]).not.toHaveProperty("accept_url");
    expect(JSON.stringify(list.body)).not.toContain("token");
  });

  it("refuses a member (403) and an admin inviting an owner (403)", async () => {
    const owner = await signUpOwner();
    const member = await addTeammate(owner.client, "member");
    const admin = await addTeammate(owner.client, "admin");
    expect((await invite(member.client)).res.status).toBe(403);
    expect((await invite(admin.client, "owner")).res.status).toBe(403);
    expect((await invite(owner.client, "owner")).res.status).toBe(201);
  });

  it("refuses someone who is already a member (409) and bad input (422)", async () => {
    const owner = await signUpOwner();
    expect((await invite(owner.client, "member", owner.email)).res.status).toBe(409);
    expect((await invite(owner.client, "member", "nope")).res.status).toBe(422);
    expect((await invite(owner.client, "king")).res.status).toBe(422);
  });
});

describe("POST /api/invitations/accept", () => {
  it("joins the invited person, once, and makes the clinic current", async () => {
    const owner = await signUpOwner("Joinable Clinic");
    const { email, token } = await invite(owner.client, "admin");
    const client = await signedIn(email);
    const preview = await new ApiClient().post(previewRoute.POST, "/api/invitations/preview", { token });
    expect(preview.body).toMatchObject({ organisation_name: "Joinable Clinic", email, role: "admin", status: "pending" });
    const res = await client.post(acceptRoute.POST, "/api/invitations/accept", { token });
    expect(res.status).toBe(200);
    expect(res.body.organisation).toMatchObject({ id: owner.organisationId, name: "Joinable Clinic", role: "admin" });
    expect((await client.get(meRoute.GET, "/api/me")).body.current_organisation_id).toBe(owner.organisationId);
    const again = await client.post(acceptRoute.POST, "/api/invitations/accept", { token });
    expect(again.status).toBe(410);
    expect(again.body.error.message).toMatch(/already been used/);
  });

  it("refuses someone else's invitation and says whose it is", async () => {
    const owner = await signUpOwner();
    const { token, email } = await invite(owner.client);
    const stranger = await signedIn(uniqueEmail("stranger"));
    const res = await stranger.post(acceptRoute.POST, "/api/invitations/accept", { token });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(email);
    expect((await stranger.get(meRoute.GET, "/api/me")).body.organisations).toHaveLength(1);
  });

  it("refuses an expired invitation", async () => {
    const owner = await signUpOwner();
    const { res, token, email } = await invite(owner.client);
    await app.db().db.execute(sql`update organisation_invitations set expires_at = now() - interval '1 minute' where id = ${res.body.id}`);
    const r = await (await signedIn(email)).post(acceptRoute.POST, "/api/invitations/accept", { token });
    expect(r.status).toBe(410);
    expect(r.body.error.message).toMatch(/expired/);
  });

  it("refuses a revoked invitation, and revoking needs an admin of that clinic", async () => {
    const owner = await signUpOwner();
    const other = await signUpOwner();
    const { res, token, email } = await invite(owner.client);
    const foreign = await other.client.delete(invitationRoute.DELETE, "/x", { id: res.body.id });
    expect(foreign.status).toBe(404);
    expect((await owner.client.delete(invitationRoute.DELETE, "/x", { id: res.body.id })).status).toBe(204);
    const r = await (await signedIn(email)).post(acceptRoute.POST, "/api/invitations/accept", { token });
    expect(r.status).toBe(410);
    expect(r.body.error.message).toMatch(/withdrawn/);
  });

  it("answers 404 for a made-up token and 401 when not signed in", async () => {
    const someone = await signedIn(uniqueEmail());
    const fake = "A".repeat(43);
    expect((await someone.post(acceptRoute.POST, "/api/invitations/accept", { token: fake })).status).toBe(404);
    expect((await new ApiClient().post(acceptRoute.POST, "/api/invitations/accept", { token: fake })).status).toBe(401);
  });

  it("replaces a pending invitation when the same email is invited again", async () => {
    const owner = await signUpOwner();
    const first = await invite(owner.client, "member", "repeat@clinic.test");
    const second = await invite(owner.client, "admin", "repeat@clinic.test");
    const list = await owner.client.get(invitationsRoute.GET, "/api/organisation/invitations");
    const statuses = Object.fromEntries(list.body.map((i: { id: string; status: string }) => [i.id, i.status]));
    expect(statuses[first.res.body.id]).toBe("revoked");
    expect(statuses[second.res.body.id]).toBe("pending");
  });
});

describe("POST /api/auth/signup with an invitation", () => {
  it("creates the account inside the invited clinic, with the invited role and no clinic of its own", async () => {
    const owner = await signUpOwner("Inviting Clinic");
    const { email, token } = await invite(owner.client, "admin");
    const client = new ApiClient();
    const res = await client.post(signupRoute.POST, "/api/auth/signup", { email, password: PASSWORD, invitation_token: token });
    expect(res.status).toBe(201);
    expect(res.body.organisation).toEqual({ id: owner.organisationId, name: "Inviting Clinic", role: "admin" });
    const me = await client.get(meRoute.GET, "/api/me");
    expect(me.body.organisations).toEqual([{ id: owner.organisationId, name: "Inviting Clinic", role: "admin", timezone: "UTC" }]);
    expect(me.body.current_organisation_id).toBe(owner.organisationId);
  });

  it("refuses another email's invitation and leaves no account behind", async () => {
    const owner = await signUpOwner();
    const { token } = await invite(owner.client);
    const email = uniqueEmail("impostor");
    const res = await new ApiClient().post(signupRoute.POST, "/api/auth/signup", { email, password: PASSWORD, invitation_token: token });
    expect(res.status).toBe(403);
    const again = await new ApiClient().post(signupRoute.POST, "/api/auth/signup", {
      email,
      password: PASSWORD,
      organisation_name: "Mine",
    });
    expect(again.status).toBe(201);
  });

  it("needs a clinic name or an invitation", async () => {
    const res = await new ApiClient().post(signupRoute.POST, "/api/auth/signup", { email: uniqueEmail(), password: PASSWORD });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields[0].path).toBe("organisation_name");
  });
});
