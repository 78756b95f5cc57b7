import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as patientRoute from "@/app/api/patients/[id]/route";
import * as erasureRoute from "@/app/api/privacy/erasure/route";
import * as settingsRoute from "@/app/api/privacy/settings/route";
import { handleIncomingCall } from "@/server/calls/handle-incoming-call";
import { runAsUser } from "@/server/db/access";
import { calls, messages, organisations, patients } from "@/server/db/schema";
import { eraseDueOrganisations } from "@/server/privacy/organisation-erasure";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { createFactories, pgErrorCode } from "../helpers/factories";
import { seedEveryTable } from "../helpers/seed-every-table";

const test = useTestApp();
const db = () => test.db().db;
const DAY = 86_400_000;

async function tenantTables(): Promise<string[]> {
  const { rows } = await db().execute(sql`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped)
    order by 1`);
  return rows.map((r) => String(r.name));
}

async function countsFor(organisationId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tenantTables()) {
    const { rows } = await db().execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where organisation_id = ${organisationId}::uuid`,
    );
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

describe("organisation erasure: owner, typed name, 30 days of grace, undo", () => {
  it("refuses a wrong name, admins and members; schedules in 30 days; undo clears it", async () => {
    const owner = await signUpOwner("Erase Me Dental");
    const admin = await addTeammate(owner.client, "admin");
    const member = await addTeammate(owner.client, "member");
    for (const who of [admin, member]) {
      expect((await who.client.post(erasureRoute.POST, "/api/privacy/erasure", { confirmation: "Erase Me Dental" })).status).toBe(403);
    }
    const wrong = await owner.client.post(erasureRoute.POST, "/api/privacy/erasure", { confirmation: "Erase Me" });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.fields).toEqual([expect.objectContaining({ path: "confirmation" })]);
    expect((await owner.client.post(erasureRoute.POST, "/api/privacy/erasure", { confirmation: "x\u0000" })).status).toBe(422);
    expect((await owner.client.post(erasureRoute.POST, "/api/privacy/erasure", {})).status).toBe(422);

    const before = Date.now();
    const scheduled = await owner.client.post(erasureRoute.POST, "/api/privacy/erasure", { confirmation: " Erase Me Dental " });
    expect(scheduled.status).toBe(202);
    const due = new Date(scheduled.body.due_at).getTime();
    expect(due).toBeGreaterThanOrEqual(before + 30 * DAY - 1000);
    expect(due).toBeLessThanOrEqual(Date.now() + 30 * DAY + 1000);
    // Asking again keeps the date.
    const again = await owner.client.post(erasureRoute.POST, "/api/privacy/erasure", { confirmation: "Erase Me Dental" });
    expect(again.body.due_at).toBe(scheduled.body.due_at);
    const settings = await owner.client.get(settingsRoute.GET, "/api/privacy/settings");
    expect(settings.body.erasure).toMatchObject({ due_at: scheduled.body.due_at });

    // Admins may update their organisation's row, but never the erasure columns directly.
    const direct = await runAsUser(db(), { userId: admin.userId, organisationId: owner.organisationId }, (tx) =>
      tx.update(organisations).set({ erasureDueAt: null }).where(eq(organisations.id, owner.organisationId)),
    ).catch((error) => pgErrorCode(error));
    await db().execute(sql`reset role`);
    expect(direct).toBe("42501");

    expect((await admin.client.delete(erasureRoute.DELETE, "/api/privacy/erasure")).status).toBe(403);
    expect((await owner.client.delete(erasureRoute.DELETE, "/api/privacy/erasure")).status).toBe(204);
    expect((await owner.client.get(settingsRoute.GET, "/api/privacy/settings")).body.erasure).toBeNull();
    expect((await owner.client.delete(erasureRoute.DELETE, "/api/privacy/erasure")).status).toBe(404);
    // Audited: one request (the repeat changed nothing but is recorded too) and one undo.
    const { rows: audited } = await db().execute(
      sql`select action from audit_events where organisation_id = ${owner.organisationId}::uuid and action like 'organisation.%' order by created_at`,
    );
    expect(audited.map((r) => r.action)).toEqual([
      "organisation.erasure_requested",
      "organisation.erasure_requested",
      "organisation.erasure_cancelled",
    ]);
    // Undone: the grace passing erases nothing.
    expect(await eraseDueOrganisations(new Date(Date.now() + 31 * DAY))).toEqual([]);
    const [still] = await db().select({ id: organisations.id }).from(organisations).where(eq(organisations.id, owner.organisationId));
    expect(still).toBeDefined();
  });

  it("while pending, calls are refused with a short message and no patient is made", async () => {
    const owner = await signUpOwner("Pending Clinic");
    const f = createFactories(db());
    const number = await f.createPhoneNumber({ id: owner.organisationId });
    await f.createIntent({ id: owner.organisationId });
    await owner.client.post(erasureRoute.POST, "/api/privacy/erasure", { confirmation: "Pending Clinic" });
    const twiml = await handleIncomingCall({ callSid: `CA${"e".repeat(32)}`, to: number.phoneNumber, from: "+447700900555" });
    expect(twiml).toContain("<Say");
    expect(twiml).not.toContain("<Connect");
    const [call] = await db()
      .select()
      .from(calls)
      .where(eq(calls.twilioCallSid, `CA${"e".repeat(32)}`));
    expect(call).toMatchObject({ status: "ended", failureReason: expect.stringMatching(/erasure/) });
    expect(await db().select().from(patients).where(eq(patients.organisationId, owner.organisationId))).toEqual([]);
  });

  it("after the grace, every table of the organisation is emptied (listed from the catalog); another clinic keeps everything", async () => {
    const a = await signUpOwner("Gone Clinic");
    const b = await signUpOwner("Staying Clinic");
    await seedEveryTable(db(), { id: a.organisationId }, "AAA");
    await seedEveryTable(db(), { id: b.organisationId }, "BBB");
    const bBefore = await countsFor(b.organisationId);
    const aBefore = await countsFor(a.organisationId);
    // The seed reaches (nearly) every table, so "emptied" means something.
    expect(Object.values(aBefore).filter((n) => n > 0).length).toBeGreaterThanOrEqual(Object.keys(aBefore).length - 2);

    await a.client.post(erasureRoute.POST, "/api/privacy/erasure", { confirmation: "Gone Clinic" });
    // Not yet due: nothing happens.
    expect(await eraseDueOrganisations(new Date(Date.now() + 29 * DAY))).toEqual([]);
    // (The clinic of the test above is still pending too: it goes in the same run.)
    expect(await eraseDueOrganisations(new Date(Date.now() + 31 * DAY))).toContain(a.organisationId);
    // A second run finds nothing left.
    expect(await eraseDueOrganisations(new Date(Date.now() + 31 * DAY))).toEqual([]);

    const aAfter = await countsFor(a.organisationId);
    for (const [table, n] of Object.entries(aAfter)) expect(n, table).toBe(0);
    expect(await db().select().from(organisations).where(eq(organisations.id, a.organisationId))).toEqual([]);
    expect(await countsFor(b.organisationId)).toEqual(bBefore);
    // The former owner's session no longer reaches it.
    expect((await a.client.get(settingsRoute.GET, "/api/privacy/settings")).status).toBeGreaterThanOrEqual(400);
  });
});

describe("patient erasure covers recordings", () => {
  it("blanks the call's recording URLs and the inbox messages' recordings and words; another patient keeps theirs", async () => {
    const owner = await signUpOwner("Recording Clinic");
    const f = createFactories(db());
    const org = { id: owner.organisationId };
    const patient = await f.createPatient(org, { phoneNumber: "+447700900123" });
    const other = await f.createPatient(org, { phoneNumber: "+447700900124" });
    const call = await f.createCall(org, {
      patientId: patient.id,
      fromNumber: patient.phoneNumber,
      recordingUrl: "https://storage.vapi.ai/p.wav",
      recordingUrls: { mono_combined: "https://storage.vapi.ai/p-mono.wav" },
      voicemailUrl: "https://api.twilio.com/vm.mp3",
    });
    const otherCall = await f.createCall(org, {
      patientId: other.id,
      fromNumber: other.phoneNumber,
      recordingUrl: "https://storage.vapi.ai/o.wav",
    });
    await db()
      .insert(messages)
      .values([
        {
          organisationId: org.id,
          callId: call.id,
          kind: "voicemail",
          sourceKey: "vm-1",
          callerNumber: patient.phoneNumber,
          callerName: "Jane",
          reason: "Tooth ache",
          recordingUrl: "https://api.twilio.com/vm.mp3",
          transcription: "It hurts",
        },
        { organisationId: org.id, kind: "message", sourceKey: "msg-2", callerNumber: patient.phoneNumber, reason: "Call me" },
        {
          organisationId: org.id,
          callId: otherCall.id,
          kind: "voicemail",
          sourceKey: "vm-3",
          recordingUrl: "https://api.twilio.com/o.mp3",
        },
      ]);
    const res = await owner.client.delete(patientRoute.DELETE, `/api/patients/${patient.id}`, { id: patient.id });
    expect(res.status).toBe(204);
    const [erasedCall] = await db().select().from(calls).where(eq(calls.id, call.id));
    expect(erasedCall).toMatchObject({ recordingUrl: null, recordingUrls: null, voicemailUrl: null, transcript: null });
    const rows = await db().select().from(messages).where(eq(messages.organisationId, org.id));
    const bySource = Object.fromEntries(rows.map((m) => [m.sourceKey, m]));
    expect(bySource["vm-1"]).toMatchObject({ recordingUrl: null, transcription: null, callerNumber: null, callerName: null, reason: null });
    expect(bySource["msg-2"]).toMatchObject({ callerNumber: null, reason: null });
    expect(bySource["vm-3"]).toMatchObject({ recordingUrl: "https://api.twilio.com/o.mp3" });
    const [kept] = await db().select().from(calls).where(eq(calls.id, otherCall.id));
    expect(kept!.recordingUrl).toBe("https://storage.vapi.ai/o.wav");
  });
});
