import { describe, expect, it } from "vitest";
import * as memberRoute from "@/app/api/organisation/members/[user_id]/route";
import * as membersRoute from "@/app/api/organisation/members/route";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";

useTestApp();

async function team() {
  const owner = await signUpOwner("Team Clinic");
  const admin = await addTeammate(owner.client, "admin");
  const member = await addTeammate(owner.client, "member");
  return { owner, admin, member };
}

describe("GET /api/organisation/members", () => {
  it("lists everyone with email and role, owners first, to any member", async () => {
    const { owner, admin, member } = await team();
    const res = await member.client.get(membersRoute.GET, "/api/organisation/members");
    expect(res.status).toBe(200);
    expect(res.body.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [admin.email, "admin"],
      [member.email, "member"],
    ]);
    expect(res.body[0]).toEqual({ user_id: owner.userId, email: owner.email, role: "owner", joined_at: expect.any(String) });
  });

  it("never lists another clinic's members", async () => {
    const { owner } = await team();
    const other = await signUpOwner("Other Clinic");
    const res = await other.client.get(membersRoute.GET, "/api/organisation/members");
    expect(res.body.map((m: { email: string }) => m.email)).toEqual([other.email]);
    expect(JSON.stringify(res.body)).not.toContain(owner.email);
  });
});

describe("PATCH /api/organisation/members/:user_id (owner only)", () => {
  it("lets the owner change a role", async () => {
    const { owner, member } = await team();
    const res = await owner.client.patch(memberRoute.PATCH, "/x", { role: "admin" }, { user_id: member.userId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user_id: member.userId, role: "admin" });
  });

  it.each(["admin", "member"] as const)("refuses a %s with 403", async (who) => {
    const t = await team();
    const actor = t[who];
    const res = await actor.client.patch(memberRoute.PATCH, "/x", { role: "owner" }, { user_id: actor.userId });
    expect(res.status).toBe(403);
  });

  it("refuses to demote the last owner with 409, and allows it once there is another owner", async () => {
    const { owner } = await team();
    const demote = await owner.client.patch(memberRoute.PATCH, "/x", { role: "admin" }, { user_id: owner.userId });
    expect(demote.status).toBe(409);
    const second = await addTeammate(owner.client, "owner");
    const again = await owner.client.patch(memberRoute.PATCH, "/x", { role: "admin" }, { user_id: owner.userId });
    expect(again.status).toBe(200);
    expect(second.userId).toBeTruthy();
  });

  it("answers 404 for another clinic's member id", async () => {
    const { owner } = await team();
    const other = await signUpOwner();
    const res = await owner.client.patch(memberRoute.PATCH, "/x", { role: "member" }, { user_id: other.userId });
    expect(res.status).toBe(404);
  });

  it("answers 422 for an unknown role", async () => {
    const { owner, member } = await team();
    const res = await owner.client.patch(memberRoute.PATCH, "/x", { role: "superuser" }, { user_id: member.userId });
    expect(res.status).toBe(422);
  });
});

describe("DELETE /api/organisation/members/:user_id", () => {
  it("lets the owner remove anyone", async () => {
    const { owner, admin } = await team();
    expect((await owner.client.delete(memberRoute.DELETE, "/x", { user_id: admin.userId })).status).toBe(204);
    const list = await owner.client.get(membersRoute.GET, "/api/organisation/members");
    expect(list.body.map((m: { user_id: string }) => m.user_id)).not.toContain(admin.userId);
  });

  it("lets anyone leave, but not remove others", async () => {
    const { owner, admin, member } = await team();
    expect((await admin.client.delete(memberRoute.DELETE, "/x", { user_id: member.userId })).status).toBe(403);
    expect((await member.client.delete(memberRoute.DELETE, "/x", { user_id: member.userId })).status).toBe(204);
    const list = await owner.client.get(membersRoute.GET, "/api/organisation/members");
    expect(list.body).toHaveLength(2);
  });

  it("refuses to remove the last owner with 409", async () => {
    const { owner } = await team();
    expect((await owner.client.delete(memberRoute.DELETE, "/x", { user_id: owner.userId })).status).toBe(409);
  });

  it("answers 404 for another clinic's member id", async () => {
    const { owner } = await team();
    const other = await signUpOwner();
    expect((await owner.client.delete(memberRoute.DELETE, "/x", { user_id: other.userId })).status).toBe(404);
    const theirs = await other.client.get(membersRoute.GET, "/api/organisation/members");
    expect(theirs.body).toHaveLength(1);
  });
});
