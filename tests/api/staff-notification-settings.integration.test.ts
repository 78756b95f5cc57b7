import { describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/audit/route";
import * as routingRoute from "@/app/api/call-routing/route";
import * as settingsRoute from "@/app/api/staff-notifications/route";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";

useTestApp();

describe("staff notification settings (quiet hours)", () => {
  it("none until saved; admins save, members read and cannot change them; another clinic keeps its own", async () => {
    const { client: owner, userId: ownerId } = await signUpOwner();
    const before = await owner.get(settingsRoute.GET, "/api/staff-notifications");
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ quiet_hours: null, sms_sender: expect.any(String), timezone: expect.any(String) });

    const saved = await owner.put(settingsRoute.PUT, "/api/staff-notifications", { quiet_hours: { start: "21:30", end: "07:00" } });
    expect(saved.status).toBe(200);
    expect(saved.body.quiet_hours).toEqual({ start: "21:30", end: "07:00" });
    // The routing row it created keeps the routing defaults; saving routing keeps the quiet hours.
    const routing = (await owner.get(routingRoute.GET, "/api/call-routing")).body;
    expect(routing.after_hours_mode).toBe("assistant");
    expect((await owner.put(routingRoute.PUT, "/api/call-routing", { ...routing, ring_timeout_seconds: 30 })).status).toBe(200);
    expect((await owner.get(settingsRoute.GET, "/api/staff-notifications")).body.quiet_hours).toEqual({ start: "21:30", end: "07:00" });

    const member = await addTeammate(owner, "member");
    expect((await member.client.get(settingsRoute.GET, "/api/staff-notifications")).body.quiet_hours).toEqual({
      start: "21:30",
      end: "07:00",
    });
    expect((await member.client.put(settingsRoute.PUT, "/api/staff-notifications", { quiet_hours: null })).status).toBe(403);
    const admin = await addTeammate(owner, "admin");
    expect((await admin.client.put(settingsRoute.PUT, "/api/staff-notifications", { quiet_hours: null })).body.quiet_hours).toBeNull();

    const other = await signUpOwner("Other Clinic");
    expect((await other.client.get(settingsRoute.GET, "/api/staff-notifications")).body.quiet_hours).toBeNull();

    // Each change is in the audit log, by whom; saving the same hours again is not a change.
    expect((await admin.client.put(settingsRoute.PUT, "/api/staff-notifications", { quiet_hours: null })).status).toBe(200);
    const audit = await owner.get(auditRoute.GET, "/api/audit?action=settings.routing_changed");
    const quietHours = audit.body.events.filter((e: { details: { fields?: string[] } }) => e.details.fields?.includes("staff_quiet_hours"));
    expect(quietHours.map((e: { user: { id: string } }) => e.user.id)).toEqual([admin.userId, ownerId]);
  });

  it("refuses times that are not HH:MM, equal ends, extra fields and NUL bytes (422)", async () => {
    const { client: owner } = await signUpOwner();
    for (const body of [
      { quiet_hours: { start: "25:00", end: "07:00" } },
      { quiet_hours: { start: "21:00", end: "21:00" } },
      { quiet_hours: { start: "21:00\u0000", end: "07:00" } },
      { quiet_hours: { start: "21:00", end: "07:00" }, extra: true },
      { quiet_hours: "always" },
      {},
    ]) {
      expect((await owner.put(settingsRoute.PUT, "/api/staff-notifications", body)).status, JSON.stringify(body)).toBe(422);
    }
  });
});
