import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as assistantSettingsRoute from "@/app/api/assistant-settings/route";
import * as auditExportRoute from "@/app/api/audit/export.csv/route";
import * as auditRoute from "@/app/api/audit/route";
import * as calendarConnectionRoute from "@/app/api/calendar/connection/route";
import * as bookingSettingsRoute from "@/app/api/calendar/settings/route";
import * as recordingRoute from "@/app/api/call-logs/[id]/recording/route";
import * as callRoute from "@/app/api/call-logs/[id]/route";
import * as exportRoute from "@/app/api/call-logs/export.csv/route";
import * as routingRoute from "@/app/api/call-routing/route";
import * as intentRoute from "@/app/api/intents/[id]/route";
import * as intentsRoute from "@/app/api/intents/route";
import * as invitationRoute from "@/app/api/organisation/invitations/[id]/route";
import * as invitationsRoute from "@/app/api/organisation/invitations/route";
import * as memberRoute from "@/app/api/organisation/members/[user_id]/route";
import * as organisationRoute from "@/app/api/organisation/route";
import * as patientRoute from "@/app/api/patients/[id]/route";
import * as numberRoute from "@/app/api/phone-numbers/[id]/route";
import * as numbersRoute from "@/app/api/phone-numbers/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import { addTeammate, signUpOwner, uniqueEmail } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

/** A recording store on loopback (listed in RECORDING_ORIGINS, as an operator would). */
const audio = Buffer.from("RIFF0123456789abcdefWAVEfmt ");
const store = createServer((_req, res) => res.writeHead(200, { "content-type": "audio/wav", "content-length": audio.length }).end(audio));
await new Promise<void>((resolve) => store.listen(0, "127.0.0.1", resolve));
const storeUrl = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => store.close(() => resolve())));

const test = useTestApp({ env: () => ({ RECORDING_ORIGINS: storeUrl }) });

interface AuditRow {
  action: string;
  user: { id: string; email: string | null } | null;
  object_type: string;
  object_id: string | null;
  details: Record<string, unknown>;
}

/**
 * Every change and read the audit log lists (decision 021) leaves one row, written by the request
 * that did it, with the person; only owners read the log, through the API and its CSV export.
 */
describe("audit log: what is recorded, and who reads it", () => {
  it("records each change and read through the API, and shows them to the owner only", async () => {
    const owner = await signUpOwner("Audit Dental");
    const admin = await addTeammate(owner.client, "admin");
    const member = await addTeammate(owner.client, "member");
    const f = createFactories(test.db().db);
    const org = { id: owner.organisationId };

    // Intents
    const intent = await owner.client.post(intentsRoute.POST, "/api/intents", {
      name: "Parking",
      example_phrases: ["Where do I park?"],
      response_en: "Behind the building.",
      action: "answer",
    });
    expect(intent.status).toBe(201);
    const replaced = await owner.client.put(
      intentRoute.PUT,
      `/api/intents/${intent.body.id}`,
      { ...intent.body, name: "Parking and access", updated_at: intent.body.updated_at },
      { id: intent.body.id },
    );
    expect(replaced.status).toBe(200);
    expect((await owner.client.delete(intentRoute.DELETE, `/api/intents/${intent.body.id}`, { id: intent.body.id })).status).toBe(204);

    // Phone numbers
    const number = await owner.client.post(numbersRoute.POST, "/api/phone-numbers", { phone_number: "+442079460123", label: "Front desk" });
    expect(number.status).toBe(201);
    const numberPut = await owner.client.put(
      numberRoute.PUT,
      `/api/phone-numbers/${number.body.id}`,
      { phone_number: "+442079460123", label: "Reception", is_active: true },
      { id: number.body.id },
    );
    expect(numberPut.status).toBe(200);
    expect((await owner.client.delete(numberRoute.DELETE, `/api/phone-numbers/${number.body.id}`, { id: number.body.id })).status).toBe(
      204,
    );

    // Hours, assistant settings (and redaction), routing, booking rules, the clinic's name
    const hours = await owner.client.put(hoursRoute.PUT, "/api/working-hours", {
      timezone: "Europe/London",
      days: [{ day_of_week: 1, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] }],
      exceptions: [],
    });
    expect(hours.status).toBe(200);
    const settings = await owner.client.put(assistantSettingsRoute.PUT, "/api/assistant-settings", {
      greeting_en: "Hello, Audit Dental.",
      greeting_ru: null,
      default_language: "en",
      after_hours_behaviour: "take_message",
      transfer_number: null,
      recording_disclosure: { enabled: true, text: "Calls are recorded." },
      max_call_minutes: 10,
      emergency_message: "In an emergency, call 999.",
      redact_personal_data: true,
    });
    expect(settings.status).toBe(200);
    const routing = await owner.client.put(routingRoute.PUT, "/api/call-routing", {
      staff_destinations: [{ name: "Front desk", number: "+442079460001", sms: false }],
      ring_timeout_seconds: 25,
      ring_staff_first: false,
      ring_staff_first_seconds: 10,
      no_answer: "callback",
      after_hours_mode: "assistant",
      on_call_number: null,
      emergency_transfer: false,
    });
    expect(routing.status).toBe(200);
    expect((await owner.client.patch(bookingSettingsRoute.PATCH, "/api/calendar/settings", { buffer_minutes: 10 })).status).toBe(200);
    expect((await owner.client.patch(organisationRoute.PATCH, "/api/organisation", { name: "Audit Dental Care" })).status).toBe(200);

    // Team: a role change, a removal, an invitation sent and withdrawn (two more were sent and accepted above)
    expect(
      (
        await owner.client.patch(
          memberRoute.PATCH,
          `/api/organisation/members/${member.userId}`,
          { role: "admin" },
          { user_id: member.userId },
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await owner.client.patch(
          memberRoute.PATCH,
          `/api/organisation/members/${member.userId}`,
          { role: "member" },
          { user_id: member.userId },
        )
      ).status,
    ).toBe(200);
    const leaver = await addTeammate(owner.client, "member");
    expect(
      (await owner.client.delete(memberRoute.DELETE, `/api/organisation/members/${leaver.userId}`, { user_id: leaver.userId })).status,
    ).toBe(204);
    const quitter = await addTeammate(owner.client, "member");
    const left = await quitter.client.delete(memberRoute.DELETE, `/api/organisation/members/${quitter.userId}`, {
      user_id: quitter.userId,
    });
    expect(left.status).toBe(204);
    const invitation = await owner.client.post(invitationsRoute.POST, "/api/organisation/invitations", {
      email: uniqueEmail("later"),
      role: "member",
    });
    expect(invitation.status).toBe(201);
    expect(
      (await owner.client.delete(invitationRoute.DELETE, `/api/organisation/invitations/${invitation.body.id}`, { id: invitation.body.id }))
        .status,
    ).toBe(204);

    // Calendar: disconnected by an admin
    await f.createCalendarConnection(org);
    expect((await admin.client.delete(calendarConnectionRoute.DELETE, "/api/calendar/connection")).status).toBe(200);

    // Patients: edited by a member, erased by the owner
    const patient = await f.createPatient(org);
    expect(
      (await member.client.patch(patientRoute.PATCH, `/api/patients/${patient.id}`, { notes: "Prefers mornings" }, { id: patient.id }))
        .status,
    ).toBe(200);
    expect((await owner.client.delete(patientRoute.DELETE, `/api/patients/${patient.id}`, { id: patient.id })).status).toBe(204);

    // Reads: a member opens a call, plays its recording (once, not per seek), downloads it; exports calls
    const call = await f.createCall(org, { transcript: "I'd like a check-up", recordingUrl: `${storeUrl}/call.wav` });
    expect((await member.client.get(callRoute.GET, `/api/call-logs/${call.id}`, { id: call.id })).status).toBe(200);
    const play = await member.client.call(recordingRoute.GET, "GET", `/api/call-logs/${call.id}/recording`, {
      params: { id: call.id },
      headers: { range: "bytes=0-" },
    });
    expect(play.status).toBe(200);
    const seek = await member.client.call(recordingRoute.GET, "GET", `/api/call-logs/${call.id}/recording`, {
      params: { id: call.id },
      headers: { range: "bytes=10-20" },
    });
    expect(seek.status).toBe(200);
    const download = await member.client.call(recordingRoute.GET, "GET", `/api/call-logs/${call.id}/recording?download=1`, {
      params: { id: call.id },
    });
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect((await member.client.get(exportRoute.GET, "/api/call-logs/export.csv?q=check")).status).toBe(200);

    // Only owners read the log
    expect((await member.client.get(auditRoute.GET, "/api/audit")).status).toBe(403);
    expect((await admin.client.get(auditRoute.GET, "/api/audit")).status).toBe(403);
    expect((await admin.client.get(auditExportRoute.GET, "/api/audit/export.csv")).status).toBe(403);
    const stranger = await signUpOwner("Elsewhere Clinic");
    const theirs = await stranger.client.get(auditRoute.GET, "/api/audit?limit=100");
    expect(theirs.status).toBe(200);
    expect(theirs.body.events).toEqual([]);

    const events: AuditRow[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { events: AuditRow[]; next_cursor: string | null } } = await owner.client.get(
        auditRoute.GET,
        `/api/audit?limit=10${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      events.push(...page.body.events);
      cursor = page.body.next_cursor;
    } while (cursor);
    const by = (action: string) => events.filter((e) => e.action === action);
    const one = (action: string, userId: string) => {
      const rows = by(action);
      expect(rows, action).toHaveLength(1);
      expect(rows[0]!.user?.id, action).toBe(userId);
      return rows[0]!;
    };
    one("intent.created", owner.userId);
    one("intent.updated", owner.userId);
    one("intent.deleted", owner.userId);
    expect(one("phone_number.added", owner.userId).details).toMatchObject({ phone_number: "+442079460123" });
    one("phone_number.updated", owner.userId);
    one("phone_number.removed", owner.userId);
    one("hours.changed", owner.userId);
    expect(one("settings.assistant_changed", owner.userId).details.fields).toContain("greetingEn");
    expect(one("redaction.changed", owner.userId).details).toEqual({ from: false, to: true });
    one("settings.routing_changed", owner.userId);
    one("settings.booking_changed", owner.userId);
    one("settings.clinic_changed", owner.userId);
    expect(by("member.role_changed").map((e) => e.details)).toEqual([
      { from: "admin", to: "member" },
      { from: "member", to: "admin" },
    ]);
    one("member.removed", owner.userId);
    one("member.left", quitter.userId);
    expect(by("invitation.created")).toHaveLength(5);
    expect(
      by("invitation.accepted")
        .map((e) => e.user?.id)
        .sort(),
    ).toEqual([admin.userId, member.userId, leaver.userId, quitter.userId].sort());
    one("invitation.revoked", owner.userId);
    one("calendar.disconnected", admin.userId);
    expect(one("patient.updated", member.userId).details).toEqual({ fields: ["notes"] });
    expect(one("patient.erased", owner.userId).object_id).toBe(patient.id);
    expect(one("call.transcript_viewed", member.userId).object_id).toBe(call.id);
    one("call.recording_played", member.userId);
    one("call.recording_downloaded", member.userId);
    expect(one("calls.exported", member.userId).details).toMatchObject({ search: true });
    expect(JSON.stringify(events)).not.toContain("check");
    expect(events.every((e) => e.user?.email)).toBe(true);

    // Filters and the CSV (which is itself recorded)
    const filtered = await owner.client.get(auditRoute.GET, `/api/audit?action=patient.updated&user_id=${member.userId}`);
    expect(filtered.body.events).toHaveLength(1);
    expect((await owner.client.get(auditRoute.GET, `/api/audit?user_id=${admin.userId}&action=intent.created`)).body.events).toEqual([]);
    expect((await owner.client.get(auditRoute.GET, "/api/audit?action=everything.deleted")).status).toBe(422);
    expect((await owner.client.get(auditRoute.GET, "/api/audit?from=2000-01-01&to=2000-01-02")).body.events).toEqual([]);
    const csv = await owner.client.get(auditExportRoute.GET, "/api/audit/export.csv?action=patient.updated");
    expect(csv.status).toBe(200);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Date and time,Time zone,Person,Action,Object,Object ID,Details,IP address,User agent,Event ID");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(member.email);
    const after = await owner.client.get(auditRoute.GET, "/api/audit?action=audit.exported");
    expect(after.body.events).toHaveLength(1);
  });

  it("the CSV writes text someone else chose so no spreadsheet runs it", async () => {
    const owner = await signUpOwner();
    await test.db().db.execute(sql`insert into audit_events (organisation_id, user_id, user_agent, action, object_type, object_id, details)
      values (${owner.organisationId}, ${owner.userId}, '=HYPERLINK("http://evil")', 'hours.changed', 'working_hours', '+1+1', '{"label": "@SUM(A1)"}')`);
    const csv = await owner.client.get(auditExportRoute.GET, "/api/audit/export.csv?action=hours.changed");
    const line = String(csv.body).trim().split("\r\n")[1]!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(line).toContain(",'+1+1,");
    expect(line).not.toMatch(/,[=+\-@]/);
  });
});
