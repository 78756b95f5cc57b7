import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as auditExportRoute from "@/app/api/audit/export.csv/route";
import * as auditRoute from "@/app/api/audit/route";
import * as patientRoute from "@/app/api/patients/[id]/route";
import * as erasureRoute from "@/app/api/privacy/erasure/route";
import { startTwilioEmulator } from "@/providers/twilio/emulator";
import { newSid } from "@/providers/twilio/simulator";
import { startVapiEmulator } from "@/providers/vapi/emulator";
import { recordTranscription } from "@/server/calls/record-transcription";
import { calls, messages, retentionSettings } from "@/server/db/schema";
import { eraseDueOrganisations } from "@/server/privacy/organisation-erasure";
import { processProviderDeletions, retryDelayMs } from "@/server/privacy/provider-deletions";
import { privacyProviderDeletionsJob } from "@/server/privacy/provider-deletions-job";
import { purgeRetention } from "@/server/privacy/purge-retention";
import { signUpOwner } from "../helpers/accounts";
import { useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const ACCOUNT = `AC${"7".repeat(32)}`;
const TOKEN = "provider-deletions-twilio-token";
const VAPI_KEY = "provider-deletions-vapi-key";
const twilio = await startTwilioEmulator({ accountSid: ACCOUNT, authToken: TOKEN });
const vapi = await startVapiEmulator({ apiKey: VAPI_KEY, warmUp: false });
afterAll(async () => {
  await twilio.close();
  await vapi.close();
});

const test = useTestApp({
  env: () => ({
    TWILIO_ACCOUNT_SID: ACCOUNT,
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_API_URL: twilio.url,
    VAPI_API_KEY: VAPI_KEY,
    VAPI_API_URL: vapi.url,
    VAPI_WEBHOOK_SECRET: "provider-deletions-vapi-secret",
    DEMO: "0",
  }),
});
const db = () => test.db().db;
const DAY = 86_400_000;
const MINUTE = 60_000;

/** A voicemail Twilio holds (with a transcription): its sid and the RecordingUrl we store. */
function voicemailAtTwilio(callSid: string) {
  const { recording, transcription } = twilio.registerRecording({ callSid, seconds: 12, transcription: { text: "Please call me back" } });
  return {
    sid: recording.sid,
    transcriptionSid: transcription!.sid,
    url: `${twilio.url}/2010-04-01/Accounts/${ACCOUNT}/Recordings/${recording.sid}`,
  };
}
const twilioHolds = (sid: string) =>
  twilio.recordings.recordings.some((r) => r.sid === sid) ||
  twilio.recordings.transcriptions.some((t) => t.sid === sid || t.recordingSid === sid);

interface Request {
  provider: string;
  resource: string;
  resource_id: string;
  call_id: string | null;
  reason: string;
  status: string;
  attempts: number;
  last_error: string | null;
}
async function requestsFor(organisationId: string): Promise<Request[]> {
  const { rows } = await db().execute(sql`
    select provider, resource, resource_id, call_id, reason, status, attempts, last_error
    from private.provider_deletions where organisation_id = ${organisationId}::uuid order by provider, resource, resource_id`);
  return rows.map((r) => ({ ...(r as unknown as Request), attempts: Number(r.attempts) }));
}

/**
 * Providers' copies (decision 023): whenever our copy of a Twilio voicemail goes (retention, a
 * patient's or the clinic's erasure) Twilio is asked to delete the recording and its transcriptions,
 * and Vapi its copy of an erased clinic's (or patient's) calls; through the job, done or failed
 * per call, retried; the emulators no longer hold what was deleted. PGlite and, with DATABASE_URL, Postgres.
 */
describe("providers' copies are deleted with ours", () => {
  it("retention: Twilio's recording and transcription go once no row of ours plays it; a failure is retried later", async () => {
    const f = createFactories(db());
    const clinic = await f.createOrganisation({ timezone: "Europe/London" });
    await db().insert(retentionSettings).values({ organisationId: clinic.id, recordingsDays: 30, transcriptsDays: 90, metadataDays: 365 });
    const now = new Date();
    const old = voicemailAtTwilio(newSid("CA"));
    const young = voicemailAtTwilio(newSid("CA"));
    const straddling = voicemailAtTwilio(newSid("CA"));
    const oldCall = await f.createCall(clinic, { createdAt: new Date(now.getTime() - 40 * DAY), voicemailUrl: old.url, vapiCallId: null });
    const youngCall = await f.createCall(clinic, {
      createdAt: new Date(now.getTime() - 5 * DAY),
      voicemailUrl: young.url,
      vapiCallId: null,
    });
    // The call is past 30 days, its inbox message (filed later) not yet: Twilio's copy waits for the message.
    const straddlingCall = await f.createCall(clinic, {
      createdAt: new Date(now.getTime() - 30 * DAY - MINUTE),
      voicemailUrl: straddling.url,
      vapiCallId: null,
    });
    await db()
      .insert(messages)
      .values([
        {
          organisationId: clinic.id,
          callId: oldCall.id,
          kind: "voicemail",
          sourceKey: `voicemail:${old.sid}`,
          recordingUrl: old.url,
          createdAt: oldCall.createdAt,
        },
        {
          organisationId: clinic.id,
          callId: youngCall.id,
          kind: "voicemail",
          sourceKey: `voicemail:${young.sid}`,
          recordingUrl: young.url,
          createdAt: youngCall.createdAt,
        },
        {
          organisationId: clinic.id,
          callId: straddlingCall.id,
          kind: "voicemail",
          sourceKey: `voicemail:${straddling.sid}`,
          recordingUrl: straddling.url,
          createdAt: new Date(now.getTime() - 30 * DAY + MINUTE),
        },
      ]);

    await purgeRetention({ now, organisationId: clinic.id });
    const requested = await requestsFor(clinic.id);
    expect(requested).toHaveLength(2);
    expect(requested).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          provider: "twilio",
          resource: "recording",
          resource_id: old.sid,
          call_id: oldCall.id,
          reason: "retention",
          status: "pending",
        }),
        expect.objectContaining({
          provider: "twilio",
          resource: "recording",
          resource_id: straddling.sid,
          call_id: straddlingCall.id,
          reason: "retention",
          status: "pending",
        }),
      ]),
    );

    // Twilio fails: recorded as failed with the error, tried again only after the backoff.
    twilio.setFailDeletes(500);
    const run = new Date(Date.now() + 1000);
    const failed = await processProviderDeletions({ now: run });
    expect(failed).toEqual({ done: 0, failed: 1, deferred: 1 });
    const oldRequest = (await requestsFor(clinic.id)).find((r) => r.resource_id === old.sid)!;
    expect(oldRequest).toMatchObject({ status: "failed", attempts: 1, last_error: expect.stringContaining("500") });
    expect(twilioHolds(old.sid)).toBe(true);
    expect(await processProviderDeletions({ now: new Date(now.getTime() + retryDelayMs(1) - 1000) })).toEqual({
      done: 0,
      failed: 0,
      deferred: 0,
    });

    twilio.setFailDeletes(false);
    const later = new Date(run.getTime() + retryDelayMs(1));
    expect(await processProviderDeletions({ now: later })).toEqual({ done: 1, failed: 0, deferred: 0 });
    expect(twilioHolds(old.sid)).toBe(false);
    expect(twilio.recordings.deletions.map((d) => d.sid)).toEqual([old.transcriptionSid, old.sid]);
    // The young recording and the one the inbox still plays stay at Twilio.
    expect(twilioHolds(young.sid)).toBe(true);
    expect(twilioHolds(straddling.sid)).toBe(true);
    const afterFirst = await requestsFor(clinic.id);
    expect(afterFirst.find((r) => r.resource_id === old.sid)).toMatchObject({ status: "done", attempts: 2 });
    expect(afterFirst.find((r) => r.resource_id === straddling.sid)).toMatchObject({ status: "pending", attempts: 0 });

    // The next night the message ages out too: the recording goes (the request waited a day).
    const nextNight = new Date(run.getTime() + DAY + MINUTE);
    await purgeRetention({ now: nextNight, organisationId: clinic.id });
    expect(await processProviderDeletions({ now: nextNight })).toEqual({ done: 1, failed: 0, deferred: 0 });
    expect(twilioHolds(straddling.sid)).toBe(false);

    // Delivered again (the job's handler, twice): nothing more is asked of Twilio.
    const deletes = twilio.state.requests.filter((r) => r.method === "DELETE").length;
    const signal = new AbortController().signal;
    await privacyProviderDeletionsJob.handle({}, { jobId: "1", retryCount: 0, signal });
    await privacyProviderDeletionsJob.handle({}, { jobId: "1", retryCount: 1, signal });
    expect(twilio.state.requests.filter((r) => r.method === "DELETE")).toHaveLength(deletes);
    expect(twilioHolds(young.sid)).toBe(true);
  });

  it("patient erasure: Twilio's voicemail and Vapi's call go; a transcription arriving afterwards is not stored and goes too", async () => {
    const owner = await signUpOwner("Erasure Copies Dental");
    const f = createFactories(db());
    const org = { id: owner.organisationId };
    const patient = await f.createPatient(org, { phoneNumber: "+447700900321" });
    const other = await f.createPatient(org, { phoneNumber: "+447700900322" });
    const callSid = newSid("CA");
    const recording = twilio.registerRecording({ callSid, seconds: 20 }).recording;
    const url = `${twilio.url}/2010-04-01/Accounts/${ACCOUNT}/Recordings/${recording.sid}`;
    const call = await f.createCall(org, {
      twilioCallSid: callSid,
      patientId: patient.id,
      fromNumber: patient.phoneNumber,
      voicemailUrl: url,
      vapiCallId: "vapi-erased-patient",
    });
    const otherVoicemail = voicemailAtTwilio(newSid("CA"));
    const otherCall = await f.createCall(org, {
      patientId: other.id,
      fromNumber: other.phoneNumber,
      voicemailUrl: otherVoicemail.url,
      vapiCallId: "vapi-other-patient",
    });
    await db()
      .insert(messages)
      .values({
        organisationId: org.id,
        callId: call.id,
        kind: "voicemail",
        sourceKey: `voicemail:${recording.sid}`,
        callerNumber: patient.phoneNumber,
        recordingUrl: url,
      });

    expect((await owner.client.delete(patientRoute.DELETE, `/api/patients/${patient.id}`, { id: patient.id })).status).toBe(204);
    expect(await requestsFor(org.id)).toEqual([
      expect.objectContaining({
        provider: "twilio",
        resource: "recording",
        resource_id: recording.sid,
        call_id: call.id,
        reason: "patient_erasure",
      }),
      expect.objectContaining({
        provider: "vapi",
        resource: "call",
        resource_id: "vapi-erased-patient",
        call_id: call.id,
        reason: "patient_erasure",
      }),
    ]);

    // Twilio transcribes after the recording: the words arrive once the patient is erased.
    const transcriptionSid = newSid("TR");
    twilio.registerRecording({
      sid: recording.sid,
      callSid,
      seconds: 20,
      transcription: { sid: transcriptionSid, text: "My name is Jane" },
    });
    const outcome = await recordTranscription({
      callSid,
      recordingSid: recording.sid,
      transcriptionSid,
      status: "completed",
      text: "My name is Jane",
    });
    expect(outcome).toBe("discarded");
    const [message] = await db().select().from(messages).where(eq(messages.callId, call.id));
    expect(message).toMatchObject({ transcription: null, recordingUrl: null });
    expect((await requestsFor(org.id)).find((r) => r.resource === "transcription")).toMatchObject({
      resource_id: transcriptionSid,
      reason: "late_transcription",
    });

    const report = await processProviderDeletions();
    expect(report.done).toBeGreaterThanOrEqual(3);
    expect(twilioHolds(recording.sid)).toBe(false);
    expect(twilioHolds(transcriptionSid)).toBe(false);
    expect(vapi.state.deleteCallRequests).toContain("vapi-erased-patient");
    expect(vapi.state.deleteCallRequests).not.toContain("vapi-other-patient");
    expect((await requestsFor(org.id)).every((r) => r.status === "done")).toBe(true);
    const [erased] = await db().select().from(calls).where(eq(calls.id, call.id));
    expect(erased!.vapiDeletionStatus).toBe("done");
    // The other patient's copies stay.
    expect(twilioHolds(otherVoicemail.sid)).toBe(true);
    const [kept] = await db().select().from(calls).where(eq(calls.id, otherCall.id));
    expect(kept!.voicemailUrl).toBe(otherVoicemail.url);
  });

  it("organisation erasure: every call's Vapi copy and every Twilio voicemail are requested and deleted; another clinic's stay", async () => {
    const gone = await signUpOwner("Erased Copies Clinic");
    const staying = await signUpOwner("Staying Copies Clinic");
    const f = createFactories(db());
    const voicemail = voicemailAtTwilio(newSid("CA"));
    const a1 = await f.createCall({ id: gone.organisationId }, { voicemailUrl: voicemail.url, vapiCallId: "vapi-gone-1" });
    const a2 = await f.createCall({ id: gone.organisationId }, { vapiCallId: "vapi-gone-2" });
    // Already deleted at Vapi by retention: not asked again.
    await f.createCall({ id: gone.organisationId }, { vapiCallId: "vapi-gone-3", vapiDeletionStatus: "done" });
    await db()
      .insert(messages)
      .values({
        organisationId: gone.organisationId,
        callId: a1.id,
        kind: "voicemail",
        sourceKey: `voicemail:${voicemail.sid}`,
        recordingUrl: voicemail.url,
      });
    const keptVoicemail = voicemailAtTwilio(newSid("CA"));
    await f.createCall({ id: staying.organisationId }, { voicemailUrl: keptVoicemail.url, vapiCallId: "vapi-staying" });

    await gone.client.post(erasureRoute.POST, "/api/privacy/erasure", { confirmation: "Erased Copies Clinic" });
    expect(await eraseDueOrganisations(new Date(Date.now() + 31 * DAY))).toContain(gone.organisationId);
    expect(await requestsFor(gone.organisationId)).toEqual([
      expect.objectContaining({
        provider: "twilio",
        resource: "recording",
        resource_id: voicemail.sid,
        call_id: a1.id,
        reason: "organisation_erasure",
      }),
      expect.objectContaining({
        provider: "vapi",
        resource: "call",
        resource_id: "vapi-gone-1",
        call_id: a1.id,
        reason: "organisation_erasure",
      }),
      expect.objectContaining({
        provider: "vapi",
        resource: "call",
        resource_id: "vapi-gone-2",
        call_id: a2.id,
        reason: "organisation_erasure",
      }),
    ]);
    expect(await requestsFor(staying.organisationId)).toEqual([]);

    await processProviderDeletions();
    expect((await requestsFor(gone.organisationId)).map((r) => r.status)).toEqual(["done", "done", "done"]);
    expect(twilioHolds(voicemail.sid)).toBe(false);
    expect(vapi.state.deleteCallRequests).toEqual(expect.arrayContaining(["vapi-gone-1", "vapi-gone-2"]));
    expect(vapi.state.deleteCallRequests).not.toContain("vapi-gone-3");
    expect(vapi.state.deleteCallRequests).not.toContain("vapi-staying");
    expect(twilioHolds(keptVoicemail.sid)).toBe(true);
  });

  it("audit: each request, confirmation and failure is an event of its own clinic, ids only, on the owners' page and CSV", async () => {
    const owner = await signUpOwner("Audited Copies Dental");
    const neighbour = await signUpOwner("Neighbour Copies Dental");
    const f = createFactories(db());
    const org = { id: owner.organisationId };
    const patient = await f.createPatient(org, { phoneNumber: "+447700900331" });
    const voicemail = voicemailAtTwilio(newSid("CA"));
    const call = await f.createCall(org, {
      patientId: patient.id,
      fromNumber: patient.phoneNumber,
      voicemailUrl: voicemail.url,
      vapiCallId: "vapi-audited-patient",
      transcript: "My date of birth is the first of May",
    });
    // The neighbour's own deletion, by retention (nobody acting).
    await db()
      .insert(retentionSettings)
      .values({ organisationId: neighbour.organisationId, recordingsDays: 30, transcriptsDays: 90, metadataDays: 365 });
    const neighbours = voicemailAtTwilio(newSid("CA"));
    await f.createCall(
      { id: neighbour.organisationId },
      { createdAt: new Date(Date.now() - 40 * DAY), voicemailUrl: neighbours.url, vapiCallId: null },
    );

    expect((await owner.client.delete(patientRoute.DELETE, `/api/patients/${patient.id}`, { id: patient.id })).status).toBe(204);
    await purgeRetention({ now: new Date(), organisationId: neighbour.organisationId });
    const requestIds = (
      await db().execute(sql`
      select id::text as id, provider from private.provider_deletions where organisation_id = ${org.id}::uuid order by provider`)
    ).rows as {
      id: string;
      provider: string;
    }[];
    const twilioId = requestIds.find((r) => r.provider === "twilio")!.id;
    const vapiId = requestIds.find((r) => r.provider === "vapi")!.id;

    // Twilio fails once (ours and the neighbour's), then recovers; Vapi deletes at once.
    twilio.setFailDeletes(500);
    const first = new Date(Date.now() + 1000);
    expect(await processProviderDeletions({ now: first })).toMatchObject({ done: 1, failed: 2 });
    twilio.setFailDeletes(false);
    expect(await processProviderDeletions({ now: new Date(first.getTime() + retryDelayMs(1)) })).toMatchObject({ done: 2, failed: 0 });

    const events = async (client: typeof owner.client) =>
      (await client.get(auditRoute.GET, "/api/audit")).body.events.filter((e: { action: string }) =>
        e.action.startsWith("provider_deletion."),
      ) as {
        action: string;
        user: { id: string } | null;
        object_type: string;
        object_id: string;
        details: Record<string, unknown>;
      }[];
    const ours = await events(owner.client);
    const of = (action: string) => ours.filter((e) => e.action === action).sort((a, b) => a.object_id.localeCompare(b.object_id));
    // Requested by the person who erased the patient, in the erasure's transaction.
    expect(of("provider_deletion.requested")).toEqual(
      [
        {
          object_id: twilioId,
          details: { provider: "twilio", resource: "recording", resource_id: voicemail.sid, call_id: call.id, reason: "patient_erasure" },
        },
        {
          object_id: vapiId,
          details: { provider: "vapi", resource: "call", resource_id: "vapi-audited-patient", call_id: call.id, reason: "patient_erasure" },
        },
      ]
        .sort((a, b) => a.object_id.localeCompare(b.object_id))
        .map((e) =>
          expect.objectContaining({ ...e, object_type: "provider_deletion", user: expect.objectContaining({ id: owner.userId }) }),
        ),
    );
    // Carried out by the job: nobody acting; the failure says what the provider answered.
    expect(of("provider_deletion.failed")).toEqual([
      expect.objectContaining({
        object_id: twilioId,
        user: null,
        details: expect.objectContaining({ provider: "twilio", attempts: 1, error: expect.stringContaining("500") }),
      }),
    ]);
    expect(of("provider_deletion.confirmed").map((e) => [e.object_id, e.details.attempts, e.user])).toEqual(
      [
        [twilioId, 2, null],
        [vapiId, 1, null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // Ids only: nothing of the patient's number or words.
    const written = JSON.stringify(ours);
    expect(written).not.toContain(patient.phoneNumber);
    expect(written).not.toContain("700900331");
    expect(written).not.toContain("date of birth");

    // The CSV has the same events.
    const csv = await owner.client.get(auditExportRoute.GET, "/api/audit/export.csv?action=provider_deletion.confirmed");
    const lines = String(csv.body)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines.slice(1)).toHaveLength(2);
    expect(lines.slice(1).every((line) => line.includes("provider_deletion.confirmed"))).toBe(true);

    // The neighbour sees its own deletion only, and none of ours; and we none of theirs.
    const theirs = await events(neighbour.client);
    expect(theirs.map((e) => e.action).sort()).toEqual([
      "provider_deletion.confirmed",
      "provider_deletion.failed",
      "provider_deletion.requested",
    ]);
    expect(theirs.every((e) => e.details.resource_id === neighbours.sid && e.user === null)).toBe(true);
    expect(written).not.toContain(neighbours.sid);
    const filtered = await neighbour.client.get(auditRoute.GET, "/api/audit?action=provider_deletion.requested");
    expect(filtered.body.events.map((e: { object_id: string }) => e.object_id)).not.toContain(twilioId);
    expect(filtered.body.events).toHaveLength(1);
    // And the rows are the clinic's own in the database too (not only what the API filters).
    const { rows } = await db().execute(sql`
      select organisation_id::text as org, count(*)::int as n from public.audit_events
      where action like 'provider_deletion.%' and organisation_id in (${org.id}::uuid, ${neighbour.organisationId}::uuid)
      group by organisation_id order by n desc`);
    expect(rows).toEqual([
      { org: org.id, n: 5 },
      { org: neighbour.organisationId, n: 3 },
    ]);
  });
});
