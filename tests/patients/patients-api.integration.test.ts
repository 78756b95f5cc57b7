import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as patientRoute from "@/app/api/patients/[id]/route";
import * as listRoute from "@/app/api/patients/route";
import { appointments, calls, patients } from "@/server/db/schema";
import { recordPatientContact } from "@/server/patients/record-patient-contact";
import { addTeammate, signUpOwner } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";
import { createFactories } from "../helpers/factories";

const test = useTestApp();
const db = () => test.db().db;

describe("patients are made from contacts, one per clinic and number", () => {
  it("finds or creates by number: the first name stays, others are remembered; another clinic's same number is another patient", async () => {
    const a = await signUpOwner("Clinic A");
    const b = await signUpOwner("Clinic B");
    const at = new Date("2026-03-01T10:00:00Z");
    const first = await recordPatientContact(db(), { organisationId: a.organisationId, phoneNumber: "+447700900001", at, isCall: true });
    const again = await recordPatientContact(db(), {
      organisationId: a.organisationId,
      phoneNumber: "+447700900001",
      name: "Jane Doe",
      at: new Date("2026-03-02T10:00:00Z"),
      isCall: false,
    });
    await recordPatientContact(db(), {
      organisationId: a.organisationId,
      phoneNumber: "+447700900001",
      name: "Janet\u0000 Doe",
      at: new Date("2026-03-03T10:00:00Z"),
      isCall: true,
    });
    const other = await recordPatientContact(db(), { organisationId: b.organisationId, phoneNumber: "+447700900001", at, isCall: true });
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    const [row] = await db().select().from(patients).where(eq(patients.id, first!));
    expect(row).toMatchObject({
      name: "Jane Doe",
      otherNames: ["Janet Doe"],
      firstCallAt: at,
      lastCallAt: new Date("2026-03-03T10:00:00Z"),
      lastSeenAt: new Date("2026-03-03T10:00:00Z"),
    });
  });

  it("makes no patient for a withheld or unreadable number", async () => {
    const a = await signUpOwner();
    const at = new Date("2026-03-01T10:00:00Z");
    for (const phoneNumber of [null, "anonymous", "+0123", "447700900001"]) {
      expect(await recordPatientContact(db(), { organisationId: a.organisationId, phoneNumber, at, isCall: true })).toBeNull();
    }
  });
});

describe("GET /api/patients", () => {
  it("pages newest contact first with a keyset cursor, never repeating or skipping, and searches names and numbers", async () => {
    const { client, organisationId } = await signUpOwner();
    const f = createFactories(db());
    const org = { id: organisationId };
    const same = new Date("2026-03-01T10:00:00Z");
    for (let i = 0; i < 23; i++) {
      await f.createPatient(org, {
        name: i === 5 ? "Zoë 100% O'Brien" : `Person ${i}`,
        lastSeenAt: i < 10 ? same : new Date(same.getTime() + i * 1000),
      });
    }
    const expected = (
      await db().select({ id: patients.id, at: patients.lastSeenAt }).from(patients).where(eq(patients.organisationId, organisationId))
    )
      .sort((x, y) => y.at.getTime() - x.at.getTime() || (x.id < y.id ? 1 : -1))
      .map((r) => r.id);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { patients: { id: string }[]; next_cursor: string | null } } = await client.get(
        listRoute.GET,
        `/api/patients?limit=4${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      ids.push(...res.body.patients.map((p) => p.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(ids).toEqual(expected);

    const byName = await client.get(listRoute.GET, `/api/patients?q=${encodeURIComponent("100%")}`);
    expect(byName.body.patients.map((p: { name: string }) => p.name)).toEqual(["Zoë 100% O'Brien"]);
    const percentOnly = await client.get(listRoute.GET, `/api/patients?q=${encodeURIComponent("%")}`);
    expect(percentOnly.body.patients).toHaveLength(1);
    const [somebody] = await db().select().from(patients).where(eq(patients.organisationId, organisationId)).limit(1);
    const byNumber = await client.get(listRoute.GET, `/api/patients?q=${encodeURIComponent(somebody!.phoneNumber.slice(-7))}`);
    expect(byNumber.body.patients.map((p: { id: string }) => p.id)).toEqual([somebody!.id]);
  });

  it("refuses a forged cursor with 422", async () => {
    const { client } = await signUpOwner();
    for (const cursor of ["nope", Buffer.from("2026-02-30T00:00:00.000000Z|x").toString("base64url")]) {
      const res = await client.get(listRoute.GET, `/api/patients?cursor=${cursor}`);
      expect(res.status).toBe(422);
    }
  });
});

describe("GET/PATCH/DELETE /api/patients/:id", () => {
  async function clinicWithPatient() {
    const owner = await signUpOwner("Harbour Dental");
    const f = createFactories(db());
    const org = { id: owner.organisationId };
    const patient = await f.createPatient(org, { phoneNumber: "+447700900555", name: "Jane Doe" });
    const call = await f.createCall(org, {
      fromNumber: "+447700900555",
      patientId: patient.id,
      transcript: "Hi, I am Jane Doe, born 1980",
      summary: "Jane Doe booked a cleaning",
      recordingUrl: "https://storage.vapi.ai/jane.wav",
      durationSeconds: 95,
    });
    const unlinked = await f.createCall(org, { fromNumber: "+447700900555", transcript: "older call from Jane" });
    const appointment = await f.createAppointment(org, {
      patientId: patient.id,
      customerName: "Jane Doe",
      customerPhone: "+447700900555",
      description: "Reason: cleaning",
      summary: "Cleaning – Jane Doe",
      callId: call.id,
    });
    return { owner, patient, call, unlinked, appointment, f, org };
  }

  it("shows the patient with their calls and appointments, and staff edit name, notes, language and consent", async () => {
    const { owner, patient, call, unlinked, appointment } = await clinicWithPatient();
    const detail = await owner.client.get(patientRoute.GET, `/api/patients/${patient.id}`, { id: patient.id });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: patient.id, name: "Jane Doe", phone_number: "+447700900555", sms_consent: "unknown" });
    expect(detail.body.calls.map((c: { id: string }) => c.id).sort()).toEqual([call.id, unlinked.id].sort());
    expect(detail.body.appointments.map((a: { id: string }) => a.id)).toEqual([appointment.id]);

    const member = await addTeammate(owner.client, "member");
    const patched = await member.client.patch(
      patientRoute.PATCH,
      `/api/patients/${patient.id}`,
      { name: "Jane M. Doe", notes: "Prefers mornings", preferred_language: "ru", sms_consent: "granted" },
      { id: patient.id },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Jane M. Doe",
      notes: "Prefers mornings",
      preferred_language: "ru",
      sms_consent: "granted",
    });
    const bad = await member.client.patch(patientRoute.PATCH, `/api/patients/${patient.id}`, { sms_opted_out: false }, { id: patient.id });
    expect(bad.status).toBe(422);
    const nul = await member.client.patch(patientRoute.PATCH, `/api/patients/${patient.id}`, { name: "A\u0000B" }, { id: patient.id });
    expect(nul.status).toBe(422);
  });

  it("answers 404 for another clinic's patient and for a non-id, on every verb", async () => {
    const { patient } = await clinicWithPatient();
    const stranger = await signUpOwner("Elsewhere");
    for (const id of [patient.id, "not-a-uuid"]) {
      expect((await stranger.client.get(patientRoute.GET, `/api/patients/${id}`, { id })).status).toBe(404);
      expect((await stranger.client.patch(patientRoute.PATCH, `/api/patients/${id}`, { notes: "x" }, { id })).status).toBe(404);
      expect((await stranger.client.delete(patientRoute.DELETE, `/api/patients/${id}`, { id })).status).toBe(404);
    }
    const [still] = await db().select().from(patients).where(eq(patients.id, patient.id));
    expect(still?.notes).toBeNull();
  });

  it("erases for admins only: personal data blanked in calls and appointments, rows and counts kept, patient gone", async () => {
    const { owner, patient, call, unlinked, appointment, f, org } = await clinicWithPatient();
    const otherPatient = await f.createPatient(org, { phoneNumber: "+447700900666", name: "John Roe" });
    const otherCall = await f.createCall(org, { fromNumber: "+447700900666", patientId: otherPatient.id, transcript: "John's call" });
    const member = await addTeammate(owner.client, "member");
    const refused = await member.client.delete(patientRoute.DELETE, `/api/patients/${patient.id}`, { id: patient.id });
    expect(refused.status).toBe(403);

    const erased = await owner.client.delete(patientRoute.DELETE, `/api/patients/${patient.id}`, { id: patient.id });
    expect(erased.status).toBe(204);
    expect(await db().select().from(patients).where(eq(patients.id, patient.id))).toEqual([]);
    const callRows = await db().select().from(calls).where(eq(calls.organisationId, org.id));
    expect(callRows).toHaveLength(3);
    for (const id of [call.id, unlinked.id]) {
      const row = callRows.find((c) => c.id === id)!;
      expect(row).toMatchObject({ fromNumber: null, transcript: null, summary: null, recordingUrl: null, patientId: null });
      expect(row.personalDataErasedAt).not.toBeNull();
    }
    expect(callRows.find((c) => c.id === call.id)!.durationSeconds).toBe(95);
    expect(callRows.find((c) => c.id === otherCall.id)).toMatchObject({ fromNumber: "+447700900666", transcript: "John's call" });
    const [appointmentRow] = await db()
      .select()
      .from(appointments)
      .where(and(eq(appointments.organisationId, org.id), eq(appointments.id, appointment.id)));
    expect(appointmentRow).toMatchObject({
      customerName: null,
      customerPhone: null,
      description: null,
      summary: "Appointment",
      patientId: null,
    });
    const again = await owner.client.delete(patientRoute.DELETE, `/api/patients/${patient.id}`, { id: patient.id });
    expect(again.status).toBe(404);
  });

  it("needs a session", async () => {
    const anonymous = new ApiClient();
    expect((await anonymous.get(listRoute.GET, "/api/patients")).status).toBe(401);
  });
});
