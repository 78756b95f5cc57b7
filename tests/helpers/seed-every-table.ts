import type { Db } from "@/server/db/connection";
import {
  assistantSettings,
  auditEvents,
  billingCustomers,
  billingUsage,
  callRouting,
  callTransfers,
  dataExports,
  messages,
  retentionSettings,
  smsMessages,
  staffNotifications,
  stripeEvents,
  workingHours,
} from "@/server/db/schema";
import { createFactories, type Ref } from "./factories";

/**
 * Gives `org` rows in every organisation-scoped table (the forged-organisation test uses it too), with
 * `tag` in the text columns it can: privacy tests use it to see that an export holds one clinic's
 * rows only and that an erasure leaves another clinic's rows alone. A table added later and not
 * seeded here is still exported/erased; the tests notice it has no rows and say so.
 */
export async function seedEveryTable(db: Db, org: Ref, tag: string): Promise<void> {
  const f = createFactories(db);
  const number = await f.createPhoneNumber(org);
  await f.createIntent(org);
  // A clinic made by sign-up has its settings and week already.
  await db.insert(assistantSettings).values({ organisationId: org.id }).onConflictDoNothing();
  await db.insert(workingHours).values({ organisationId: org.id, dayOfWeek: 0, opensAt: "10:00", closesAt: "12:00" }).onConflictDoNothing();
  await f.createWorkingHoursException(org);
  await f.createSubscription(org);
  const patient = await f.createPatient(org, { name: `Patient ${tag}` });
  const call = await f.createCall(org, {
    phoneNumberId: number.id,
    toNumber: number.phoneNumber,
    transcript: `Transcript ${tag}: I would like to book a check-up`,
    recordingUrl: `https://storage.vapi.ai/${tag}.wav`,
  });
  await f.createAssistant(org);
  await f.createCalendarConnection(org);
  await f.createAppointment(org, { callId: call.id, customerName: `Customer ${tag}` });
  await f.createInvitation(org);
  await f.createOAuthState(org);
  await db.insert(callRouting).values({ organisationId: org.id, ringTimeoutSeconds: 30 }).onConflictDoNothing();
  await db.insert(messages).values({
    organisationId: org.id,
    callId: call.id,
    kind: "voicemail",
    sourceKey: `seed-${tag}`,
    reason: `Message ${tag}`,
    recordingUrl: `https://api.twilio.com/${tag}.mp3`,
    transcription: `Voicemail ${tag}`,
  });
  await db.insert(billingCustomers).values({ organisationId: org.id, stripeCustomerId: `cus_seed${tag}` });
  await db
    .insert(stripeEvents)
    .values({ organisationId: org.id, eventId: `evt_seed${tag}`, type: "invoice.paid", stripeCustomerId: `cus_seed${tag}` });
  await db
    .insert(billingUsage)
    .values({ organisationId: org.id, callId: call.id, seconds: 61, minutes: 2, occurredAt: new Date("2026-05-01T10:00:00Z") });
  await db.insert(smsMessages).values({
    organisationId: org.id,
    direction: "inbound",
    kind: "inbound",
    status: "received",
    body: `Text ${tag}`,
    patientId: patient.id,
  });
  await db.insert(dataExports).values({ organisationId: org.id, status: "failed" });
  await db
    .insert(callTransfers)
    .values({ organisationId: org.id, callId: call.id, kind: "assistant", status: "answered", destinations: [] });
  await db
    .insert(staffNotifications)
    .values({ organisationId: org.id, kind: "missed_transfer", sourceKey: `missed_transfer:${call.id}`, callId: call.id });
  await db.insert(auditEvents).values({ organisationId: org.id, action: "hours.changed", objectType: "working_hours", details: { tag } });
  await db.insert(retentionSettings).values({ organisationId: org.id, recordingsDays: 30 }).onConflictDoNothing();
}
