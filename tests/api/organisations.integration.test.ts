import { describe, expect, it } from "vitest";
import * as currentOrgRoute from "@/app/api/me/current-organisation/route";
import * as meRoute from "@/app/api/me/route";
import * as orgRoute from "@/app/api/organisation/route";
import * as voiceAgentsRoute from "@/app/api/voice-agents/route";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";

useTestApp();

describe("GET/PATCH /api/organisation", () => {
  it("returns the current organisation with the caller's role", async () => {
    const { client, organisationId } = await signUpOwner("Northside Clinic");
    const res = await client.get(orgRoute.GET, "/api/organisation");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: organisationId, name: "Northside Clinic", role: "owner", selected_voice_agent_id: null });
  });

  it("lets an admin rename the clinic and pick a voice agent from the catalogue", async () => {
    const owner = await signUpOwner();
    const admin = await addTeammate(owner.client, "admin");
    const agents = await admin.client.get(voiceAgentsRoute.GET, "/api/voice-agents");
    expect(agents.status).toBe(200);
    expect(agents.body.length).toBeGreaterThanOrEqual(4);
    const res = await admin.client.patch(orgRoute.PATCH, "/api/organisation", {
      name: "Renamed Clinic",
      selected_voice_agent_id: agents.body[1].id,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Renamed Clinic", selected_voice_agent_id: agents.body[1].id, role: "admin" });
    expect((await owner.client.get(orgRoute.GET, "/api/organisation")).body.name).toBe("Renamed Clinic");
  });

  it("refuses a member with 403 and changes nothing", async () => {
    const owner = await signUpOwner("Unchanged Clinic");
    const member = await addTeammate(owner.client, "member");
    const res = await member.client.patch(orgRoute.PATCH, "/api/organisation", { name: "Hijacked" });
    expect(res.status).toBe(403);
    expect((await owner.client.get(orgRoute.GET, "/api/organisation")).body.name).toBe("Unchanged Clinic");
  });

  it.each([[{ selected_voice_agent_id: "no-such-agent" }], [{ name: "" }], [{}]])("refuses bad input with 422 (%o)", async (body) => {
    const { client } = await signUpOwner();
    expect((await client.patch(orgRoute.PATCH, "/api/organisation", body)).status).toBe(422);
  });

  it("answers 401 without a session", async () => {
    expect((await new ApiClient().get(orgRoute.GET, "/api/organisation")).status).toBe(401);
  });
});

describe("PUT /api/me/current-organisation", () => {
  it("switches between the person's clinics, and every organisation route follows", async () => {
    const owner = await signUpOwner("First Clinic");
    const teammate = await addTeammate(owner.client, "member"); // also owns their own clinic
    expect((await teammate.client.get(orgRoute.GET, "/api/organisation")).body.name).toBe("First Clinic");
    const res = await teammate.client.put(currentOrgRoute.PUT, "/api/me/current-organisation", {
      organisation_id: teammate.ownOrganisationId,
    });
    expect(res.status).toBe(200);
    const org = await teammate.client.get(orgRoute.GET, "/api/organisation");
    expect(org.body).toMatchObject({ id: teammate.ownOrganisationId, role: "owner" });
    const me = await teammate.client.get(meRoute.GET, "/api/me");
    expect(me.body.current_organisation_id).toBe(teammate.ownOrganisationId);
    expect(me.body.organisations).toHaveLength(2);
  });

  it("answers 404 for a clinic the person does not belong to", async () => {
    const a = await signUpOwner();
    const b = await signUpOwner();
    const res = await a.client.put(currentOrgRoute.PUT, "/api/me/current-organisation", { organisation_id: b.organisationId });
    expect(res.status).toBe(404);
    expect((await a.client.get(orgRoute.GET, "/api/organisation")).body.id).toBe(a.organisationId);
  });
});
