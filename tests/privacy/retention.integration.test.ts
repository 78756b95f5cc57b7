import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as retentionRoute from "@/app/api/retention/route";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { analyticsQuery } from "@/server/analytics/analytics-query";
import type { Db } from "@/server/db/connection";
import { retentionSettings } from "@/server/db/schema";
import { purgeRetention } from "@/server/privacy/purge-retention";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const VAPI_KEY = "retention-vapi-key";
const vapi = await startVapiEmulator({ apiKey: VAPI_KEY, warmUp: false });
afterAll(() => vapi.close());

const test = useTestApp({
  env: () => ({
    VAPI_API_KEY: VAPI_KEY,
    VAPI_API_URL: vapi.url,
    VAPI_WEBHOOK_SECRET: "retention-vapi-secret",
    TWILIO_AUTH_TOKEN: "retention-twilio-token",
    DEMO: "0",
  }),
});

const DAY = 86_400_000;
/** The purge's "now"; every row's age is relative to it. */
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

interface CallState {
  age: number;
  recording: boolean;
  transcript: boolean;
  caller: boolean;
  recordingDeleted: boolean;
  vapi: string | null;
}

async function statesOf(db: Db, organisationId: string): Promise<CallState[]> {
  const { rows } = await db.execute(sql`
    select round(extract(epoch from (${now.toISOString()}::timestamptz - created_at)) / 86400)::int as age,
           recording_url is not null as recording, transcript is not null as transcript, from_number is not null as caller,
           recording_deleted_at is not null as recording_deleted, vapi_deletion_status as vapi
    from calls where organisation_id = ${organisationId} order by created_at desc`);
  return rows.map((r) => ({
    age: Number(r.age),
    recording: Boolean(r.recording),
    transcript: Boolean(r.transcript),
    caller: Boolean(r.caller),
    recordingDeleted: Boolean(r.recording_deleted),
    vapi: (r.vapi as string | null) ?? null,
  }));
}

async function analyticsOf(db: Db, organisationId: string) {
  const { rows } = await db.execute(
    analyticsQuery({ organisationId, from: daysAgo(1000), to: daysAgo(-1), timeZone: "Europe/London", granularity: "week" }),
  );
  return rows[0];
}

/**
 * Retention (decision 021): the nightly purge blanks exactly what is older than each window, in
 * batches, keeps every call row (analytics unchanged), asks Vapi to delete its copy (done or
 * failed, retried), leaves other clinics alone, and deletes audit events only past the audit
 * retention. Runs on PGlite and, with DATABASE_URL, on a Postgres server.
 */
describe("retention purge", () => {
  it("blanks exactly what is older than each window, in batches, and analytics keep their counts", async () => {
    const { db } = test.db();
    const f = createFactories(db);
    const clinic = await f.createOrganisation({ timezone: "Europe/London" });
    const other = await f.createOrganisation({ timezone: "Europe/London" });
    await db.insert(retentionSettings).values({ organisationId: clinic.id, recordingsDays: 30, transcriptsDays: 90, metadataDays: 365 });
    await db
      .insert(retentionSettings)
      .values({ organisationId: other.id, recordingsDays: null, transcriptsDays: null, metadataDays: null });
    const ages = [1, 29, 31, 31, 31, 89, 91, 364, 366, 400];
    for (const org of [clinic, other]) {
      for (const [index, age] of ages.entries()) {
        await f.createCall(org, {
          createdAt: daysAgo(age),
          transcript: "I'd like a check-up",
          summary: "Booked a check-up",
          recordingUrl: `https://storage.vapi.ai/${org.id}-${index}.wav`,
          durationSeconds: 60 + index,
          endedReason: index % 2 ? "customer-ended-call" : "assistant-ended-call",
          language: index % 3 ? "en" : "ru",
          cost: "0.1000",
          vapiCallId: `vapi-${org.id}-${index}`,
        });
      }
    }
    const message = await db.execute(sql`
      insert into messages (organisation_id, kind, caller_number, caller_name, reason, recording_url, source_key, created_at)
      values (${clinic.id}, 'voicemail', '+15550001111', 'Ann', 'Call me back', 'https://api.twilio.com/r.wav', 'retention-1', ${daysAgo(100).toISOString()}::timestamptz),
             (${clinic.id}, 'voicemail', '+15550001112', 'Bob', 'Call me back', 'https://api.twilio.com/s.wav', 'retention-2', ${daysAgo(10).toISOString()}::timestamptz)
      returning id`);
    expect(message.rows).toHaveLength(2);
    const analyticsBefore = await analyticsOf(db, clinic.id);

    vapi.setFailDeletes(true);
    const report = await purgeRetention({ now, batchSize: 2, organisationId: clinic.id });
    expect(report).toMatchObject({
      recordings: 8,
      contents: 4,
      metadata: 2,
      messageRecordings: 1,
      messageContents: 1,
      vapiDone: 0,
      vapiFailed: 8,
    });
    // 8 recordings in batches of 2 → 5 statements for that stage alone: nothing held all of them at once.
    expect(report.batches).toBeGreaterThanOrEqual(5 + 3 + 2);

    const states = await statesOf(db, clinic.id);
    for (const state of states) {
      expect(state.recording, `recording at ${state.age} days`).toBe(state.age <= 30);
      expect(state.recordingDeleted, `recording stamp at ${state.age} days`).toBe(state.age > 30);
      expect(state.transcript, `transcript at ${state.age} days`).toBe(state.age <= 90);
      expect(state.caller, `caller at ${state.age} days`).toBe(state.age <= 365);
      expect(state.vapi, `Vapi at ${state.age} days`).toBe(state.age > 30 ? "failed" : null);
    }
    expect(states).toHaveLength(ages.length);
    const [old, recent] = (
      await db.execute(
        sql`select recording_url, reason, caller_number from messages where organisation_id = ${clinic.id} order by created_at`,
      )
    ).rows;
    expect(old).toEqual({ recording_url: null, reason: null, caller_number: "+15550001111" });
    expect(recent).toMatchObject({ recording_url: "https://api.twilio.com/s.wav", reason: "Call me back" });
    // The other clinic keeps everything.
    expect((await statesOf(db, other.id)).every((s) => s.recording && s.transcript && s.caller && !s.recordingDeleted)).toBe(true);
    // Analytics count the same calls, durations, outcomes, languages and cost.
    expect(await analyticsOf(db, clinic.id)).toEqual(analyticsBefore);

    // Vapi answers again the next night: every failed deletion is tried once more and done.
    vapi.setFailDeletes(false);
    const next = await purgeRetention({ now: new Date(now.getTime() + 60_000), batchSize: 2, organisationId: clinic.id });
    expect(next).toMatchObject({ recordings: 0, contents: 0, metadata: 0, vapiDone: 8, vapiFailed: 0 });
    expect((await statesOf(db, clinic.id)).filter((s) => s.vapi === "done")).toHaveLength(8);
    expect(new Set(vapi.state.deleteCallRequests)).toEqual(new Set(ages.flatMap((age, i) => (age > 30 ? [`vapi-${clinic.id}-${i}`] : []))));
    const { rows: ids } = await db.execute(
      sql`select count(*)::int as n from calls where organisation_id = ${clinic.id} and metadata_deleted_at is not null and vapi_call_id is not null`,
    );
    expect(ids[0]!.n).toBe(0);
    // A third run finds nothing to do and asks Vapi nothing.
    const requests = vapi.state.deleteCallRequests.length;
    expect(await purgeRetention({ now: new Date(now.getTime() + 120_000), organisationId: clinic.id })).toMatchObject({
      recordings: 0,
      contents: 0,
      metadata: 0,
      vapiDone: 0,
      vapiFailed: 0,
    });
    expect(vapi.state.deleteCallRequests).toHaveLength(requests);
    expect(await analyticsOf(db, clinic.id)).toEqual(analyticsBefore);
  });

  it("deletes audit events only past the clinic's audit retention", async () => {
    const { db } = test.db();
    const f = createFactories(db);
    const clinic = await f.createOrganisation();
    await db.execute(sql`insert into audit_events (organisation_id, action, object_type, created_at)
      select ${clinic.id}, 'hours.changed', 'working_hours', now() - make_interval(days => d) from unnest(array[10, 2000, 2191, 2200, 2300]) d`);
    const report = await purgeRetention({ now, batchSize: 1, organisationId: clinic.id });
    expect(report.auditEvents).toBe(2);
    const { rows } = await db.execute(sql`select count(*)::int as n from audit_events where organisation_id = ${clinic.id}`);
    expect(rows[0]!.n).toBe(3);
  });

  it("owners choose the windows; recordings ≤ transcripts ≤ metadata or 422; members read; the change is audited", async () => {
    const owner = await signUpOwner();
    const member = await addTeammate(owner.client, "member");
    const initial = await member.client.get(retentionRoute.GET, "/api/retention");
    expect(initial.body).toEqual({
      recordings_days: null,
      transcripts_days: null,
      metadata_days: null,
      audit_log_days: 2192,
      updated_at: null,
    });
    const choice = { recordings_days: 30, transcripts_days: 90, metadata_days: 365 };
    expect((await member.client.put(retentionRoute.PUT, "/api/retention", choice)).status).toBe(403);
    const bad = await owner.client.put(retentionRoute.PUT, "/api/retention", { ...choice, recordings_days: 365 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields[0].path).toBe("recordings_days");
    const forever = await owner.client.put(retentionRoute.PUT, "/api/retention", {
      ...choice,
      metadata_days: null,
      transcripts_days: null,
    });
    expect(forever.status).toBe(200);
    const worse = await owner.client.put(retentionRoute.PUT, "/api/retention", { ...choice, metadata_days: 90, transcripts_days: 365 });
    expect(worse.status).toBe(422);
    expect(worse.body.error.details.fields[0].path).toBe("transcripts_days");
    for (const body of [
      { ...choice, recordings_days: 31 },
      { ...choice, recordings_days: "30" },
      { ...choice, audit_log_days: 10 },
      { ...choice, extra: 1 },
    ]) {
      expect((await owner.client.put(retentionRoute.PUT, "/api/retention", body)).status).toBe(422);
    }
    const saved = await owner.client.put(retentionRoute.PUT, "/api/retention", choice);
    expect(saved.body).toMatchObject({ ...choice, audit_log_days: 2192 });
    expect((await member.client.get(retentionRoute.GET, "/api/retention")).body).toMatchObject(choice);
    const { rows } = await test.db().db.execute(sql`
      select user_id, details from audit_events where organisation_id = ${owner.organisationId} and action = 'retention.changed' order by created_at`);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      user_id: owner.userId,
      details: {
        from: { recordings_days: 30, transcripts_days: null, metadata_days: null },
        to: { recordings_days: 30, transcripts_days: 90, metadata_days: 365 },
      },
    });
  });
});
