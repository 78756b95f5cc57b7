import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsUser } from "@/server/db/access";
import type { Db } from "@/server/db/connection";
import {
  appointments,
  assistantSettings,
  assistants,
  auditEvents,
  billingCustomers,
  billingUsage,
  callRouting,
  calls,
  callTransfers,
  dataExports,
  intents,
  messages,
  oauthStates,
  organisationCalendarConnections,
  organisationInvitations,
  organisationMembers,
  organisations,
  patients,
  phoneNumbers,
  retentionSettings,
  smsMessages,
  staffNotifications,
  stripeEvents,
  subscriptions,
  workingHours,
  workingHoursExceptions,
} from "@/server/db/schema";
import { createFactories, pgErrorCode, withRollback } from "../helpers/factories";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

/**
 * The row level security matrix: every organisation-scoped table × every identity × every
 * verb, against the permissions stated in the header of the RLS migration
 * (20260101000300_multi_tenant_rls_organisation.sql), as the policies read since
 * 20260109000000_acting_organisation.sql: each person acts for their own organisation.
 *
 * Each case runs in a transaction that is rolled back, as the identity Postgres sees (jwt
 * claims, `act_for_organisation`, `set local role`: runAsUser, never stubbed), and then checks,
 * as the superuser, what the statement really did: rows seen, rows inserted, updated or deleted,
 * in A and elsewhere.
 */

type Persona = "anon" | "memberA" | "adminA" | "ownerA" | "memberB" | "service";
type Op = "select" | "insert" | "update" | "delete";
/** The least role in the row's organisation that may do something; "service" = no grant to `authenticated`. */
type Need = "member" | "admin" | "owner" | "service";
type RoleInA = "none" | "member" | "admin" | "owner";

const personas: Persona[] = ["anon", "memberA", "adminA", "ownerA", "memberB", "service"];
const ops: Op[] = ["select", "insert", "update", "delete"];

const personaLabel: Record<Persona, string> = {
  anon: "anon",
  memberA: "member of A",
  adminA: "admin of A",
  ownerA: "owner of A",
  // The outsider is the *owner* of B: the strongest role that still has nothing to do with A.
  memberB: "member of B (its owner)",
  service: "service",
};
const roleInA: Record<Exclude<Persona, "anon" | "service">, RoleInA> = {
  memberA: "member",
  adminA: "admin",
  ownerA: "owner",
  memberB: "none",
};
const rank: Record<RoleInA, number> = { none: 0, member: 1, admin: 2, owner: 3 };
/** Whether a role in the row's organisation is enough; "service" is never enough for a person. */
const allows = (role: RoleInA, need: Need) => need !== "service" && rank[role] >= rank[need];

interface World {
  orgA: string;
  orgB: string;
  users: Record<"memberA" | "adminA" | "ownerA" | "memberB" | "ownerAMemberB" | "stranger", string>;
  callA: string;
}

interface TableSpec {
  table: string;
  /** The column that names the row's organisation: organisation_id, but for `organisations` itself. */
  orgColumn: "id" | "organisation_id";
  access: Record<Op, Need>;
  /** Inserts one new row belonging to A (for `organisations`: a new organisation). No RETURNING. */
  insert: (tx: Db, w: World) => Promise<unknown>;
  /** Runs as the superuser before the insert, e.g. to free a one-per-organisation slot. */
  beforeInsert?: (tx: Db, w: World) => Promise<unknown>;
  /** Narrows which of A's rows the DELETE targets (and counts as "all of A's rows"). */
  deleteScope?: { where: ReturnType<typeof sql>; label: string };
}

const deleteOf = (table: string) => (tx: Db, w: World) =>
  tx.execute(sql`delete from ${sql.identifier(table)} where organisation_id = ${w.orgA}`);

/** The common grants: members read and admins write (the clinic's configuration). */
const adminsWrite: Record<Op, Need> = { select: "member", insert: "admin", update: "admin", delete: "admin" };
/** Members read; only the service path writes (webhooks, jobs, billing). */
const serviceWrites: Record<Op, Need> = { select: "member", insert: "service", update: "service", delete: "service" };
/** Nothing for `authenticated` at all. */
const serviceOnly: Record<Op, Need> = { select: "service", insert: "service", update: "service", delete: "service" };

/** The expectations, straight from the migration header (orgColumn organisation_id unless given). */
const entries: (Omit<TableSpec, "orgColumn"> & { orgColumn?: "id" })[] = [
  {
    table: "organisations",
    orgColumn: "id",
    access: { select: "member", insert: "service", update: "admin", delete: "owner" },
    insert: (tx) => tx.insert(organisations).values({ name: "A new clinic" }),
  },
  {
    table: "organisation_members",
    access: { select: "member", insert: "owner", update: "owner", delete: "owner" },
    // An organisation keeps at least one owner (a trigger may refuse removing the last one),
    // so the DELETE aims at A's other members; that is what roles decide about.
    deleteScope: { where: sql`role <> 'owner'`, label: "A's non-owner members" },
    insert: (tx, w) => tx.insert(organisationMembers).values({ organisationId: w.orgA, userId: w.users.stranger, role: "member" }),
  },
  {
    table: "phone_numbers",
    access: adminsWrite,
    insert: (tx, w) => tx.insert(phoneNumbers).values({ organisationId: w.orgA, phoneNumber: "+15550009999" }),
  },
  {
    table: "intents",
    access: adminsWrite,
    insert: (tx, w) => tx.insert(intents).values({ organisationId: w.orgA, name: "Parking" }),
  },
  {
    table: "assistant_settings",
    access: adminsWrite,
    beforeInsert: deleteOf("assistant_settings"),
    insert: (tx, w) => tx.insert(assistantSettings).values({ organisationId: w.orgA, greetingEn: "Hi" }),
  },
  {
    table: "working_hours",
    access: adminsWrite,
    insert: (tx, w) => tx.insert(workingHours).values({ organisationId: w.orgA, dayOfWeek: 6, opensAt: "09:00", closesAt: "12:00" }),
  },
  {
    table: "working_hours_exceptions",
    access: adminsWrite,
    insert: (tx, w) => tx.insert(workingHoursExceptions).values({ organisationId: w.orgA, date: "2026-12-25", closed: true }),
  },
  {
    table: "subscriptions",
    // Written by the billing webhook only: an owner must not mark their own clinic as paid.
    access: serviceWrites,
    insert: (tx, w) => tx.insert(subscriptions).values({ organisationId: w.orgA, status: "active" }),
  },
  {
    table: "calls",
    access: serviceWrites,
    insert: (tx, w) => tx.insert(calls).values({ organisationId: w.orgA, status: "ended" }),
  },
  {
    table: "assistants",
    access: adminsWrite,
    insert: (tx, w) => tx.insert(assistants).values({ organisationId: w.orgA, name: "Night shift" }),
  },
  {
    // Tokens are written by the server only (the OAuth callback after checking state, user and
    // role; token refresh): admins read the status and disconnect (delete), nobody writes rows.
    table: "organisation_calendar_connections",
    access: { select: "member", insert: "service", update: "service", delete: "admin" },
    beforeInsert: deleteOf("organisation_calendar_connections"),
    insert: (tx, w) => tx.insert(organisationCalendarConnections).values({ organisationId: w.orgA, refreshTokenCiphertext: "v1.new" }),
  },
  {
    // Invitations are an admin matter: plain members do not see who is invited. No DELETE
    // grant: an invitation is revoked (UPDATE revoked_at), never deleted, by a person.
    table: "organisation_invitations",
    access: { select: "admin", insert: "admin", update: "admin", delete: "service" },
    insert: (tx, w) =>
      tx.insert(organisationInvitations).values({
        organisationId: w.orgA,
        email: "new.nurse@clinicall.test",
        role: "member",
        tokenHash: "matrix-invitation-token-hash",
        expiresAt: new Date("2030-01-01T00:00:00Z"),
      }),
  },
  {
    // Pending "Connect Google Calendar" clicks (state hash, PKCE verifier): service path only.
    table: "oauth_states",
    access: serviceOnly,
    insert: (tx, w) =>
      tx.insert(oauthStates).values({
        organisationId: w.orgA,
        userId: w.users.adminA,
        stateHash: "f".repeat(64),
        codeVerifierCiphertext: "v1.verifier",
        redirectUri: "http://localhost:3000/api/calendar/callback",
        expiresAt: new Date("2030-01-01T00:00:00Z"),
      }),
  },
  {
    // Billing (Stripe): written by the service path only; members read their customer and minutes.
    table: "billing_customers",
    access: serviceWrites,
    beforeInsert: deleteOf("billing_customers"),
    insert: (tx, w) => tx.insert(billingCustomers).values({ organisationId: w.orgA, stripeCustomerId: "cus_matrixnew" }),
  },
  {
    table: "stripe_events",
    access: serviceOnly,
    insert: (tx, w) =>
      tx
        .insert(stripeEvents)
        .values({ organisationId: w.orgA, eventId: "evt_matrixnew", type: "invoice.paid", stripeCustomerId: "cus_matrix" }),
  },
  {
    table: "billing_usage",
    access: serviceWrites,
    insert: (tx, w) =>
      tx.insert(billingUsage).values({
        organisationId: w.orgA,
        callId: "00000000-0000-4000-8000-00000000feed",
        seconds: 60,
        minutes: 1,
        occurredAt: new Date("2026-05-04T10:00:00Z"),
      }),
  },
  {
    table: "appointments",
    access: { select: "member", insert: "member", update: "member", delete: "member" },
    insert: (tx, w) =>
      tx.insert(appointments).values({
        organisationId: w.orgA,
        callId: w.callA,
        startAt: new Date("2026-05-04T10:00:00Z"),
        endAt: new Date("2026-05-04T10:30:00Z"),
      }),
  },
  {
    // The inbox: written by webhooks, tools and jobs; members read it and change status and
    // assignee only (column grant: the matrix's UPDATE of created_at is refused, see exceptions).
    table: "messages",
    access: { select: "member", insert: "service", update: "member", delete: "service" },
    insert: (tx, w) => tx.insert(messages).values({ organisationId: w.orgA, kind: "message", sourceKey: "matrix-insert" }),
  },
  {
    // How calls reach a person: configuration, members read, admins write (one row per clinic).
    table: "call_routing",
    access: adminsWrite,
    beforeInsert: deleteOf("call_routing"),
    insert: (tx, w) => tx.insert(callRouting).values({ organisationId: w.orgA, ringTimeoutSeconds: 30 }),
  },
  {
    // Each time a call was put through to the team: written by webhooks and the transfer job; members read.
    table: "call_transfers",
    access: serviceWrites,
    insert: (tx, w) => tx.insert(callTransfers).values({ organisationId: w.orgA, callId: w.callA, kind: "assistant", status: "answered" }),
  },
  {
    // Patients: members read, add (a dashboard booking) and edit them; only admins delete (erasure).
    table: "patients",
    access: { select: "member", insert: "member", update: "member", delete: "admin" },
    insert: (tx, w) => tx.insert(patients).values({ organisationId: w.orgA, phoneNumber: "+15550007777" }),
  },
  {
    // Texts to and from patients: written by jobs, webhooks and private.queue_sms; members read.
    table: "sms_messages",
    access: serviceWrites,
    insert: (tx, w) => tx.insert(smsMessages).values({ organisationId: w.orgA, direction: "inbound", kind: "inbound", status: "received" }),
  },
  {
    // What staff were told about (decision 020): written by notifyStaff and the notify jobs; members read.
    table: "staff_notifications",
    access: serviceWrites,
    insert: (tx, w) => tx.insert(staffNotifications).values({ organisationId: w.orgA, kind: "digest", sourceKey: "digest:matrix-insert" }),
  },
  {
    // Data exports (decision 022): owners ask for one (a pending row) and read theirs; the job fills it.
    table: "data_exports",
    access: { select: "owner", insert: "owner", update: "service", delete: "service" },
    insert: (tx, w) => tx.insert(dataExports).values({ organisationId: w.orgA, status: "pending" }),
  },
  {
    // The audit log (decision 021): anyone acting for the clinic records their own actions, only
    // owners read; nobody updates or deletes (not even the service path: a trigger refuses, below).
    table: "audit_events",
    access: { select: "owner", insert: "member", update: "service", delete: "service" },
    insert: (tx, w) => tx.insert(auditEvents).values({ organisationId: w.orgA, action: "hours.changed", objectType: "working_hours" }),
  },
  {
    // Retention (decision 021): members read it (the Calls page says when recordings go), owners set it.
    table: "retention_settings",
    access: { select: "member", insert: "owner", update: "owner", delete: "service" },
    beforeInsert: deleteOf("retention_settings"),
    insert: (tx, w) => tx.insert(retentionSettings).values({ organisationId: w.orgA, recordingsDays: 30 }),
  },
];
const tables: TableSpec[] = entries.map((entry) => ({ orgColumn: "organisation_id", ...entry }));

/** What a statement does to A's rows. */
type Outcome =
  | { kind: "refused" } // SQLSTATE 42501 (no grant, or WITH CHECK violated)
  | { kind: "all" } // every row of A (insert: the one new row)
  | { kind: "none" } // no row of A, and no error
  | { kind: "own" }; // only the caller's own membership row

/** Cells that differ from the plain role ladder, each with its reason. */
const exceptions: Record<string, Outcome> = {
  // "Owners can remove members and anyone can leave": deleting A's members removes only yourself.
  "organisation_members/memberA/delete": { kind: "own" },
  "organisation_members/adminA/delete": { kind: "own" },
  // Members may update a message's status and assignee only; the matrix updates created_at.
  // (A status update by members of A, and none by B, is checked below the matrix.)
  "messages/memberA/update": { kind: "refused" },
  "messages/adminA/update": { kind: "refused" },
  "messages/ownerA/update": { kind: "refused" },
  "messages/memberB/update": { kind: "refused" },
  // Append-only: the guard trigger refuses the service path's UPDATE, and its DELETE of rows
  // younger than the clinic's audit retention (all of the matrix's rows).
  "audit_events/service/update": { kind: "refused" },
  "audit_events/service/delete": { kind: "refused" },
};

function expected(spec: TableSpec, persona: Persona, op: Op): Outcome {
  const exception = exceptions[`${spec.table}/${persona}/${op}`];
  if (exception) return exception;
  if (persona === "service") return { kind: "all" };
  if (persona === "anon") return { kind: "refused" }; // anon holds no grant on any table
  const need = spec.access[op];
  if (need === "service") return { kind: "refused" }; // no grant to authenticated
  if (allows(roleInA[persona], need)) return { kind: "all" };
  // Policies filter reads, updates and deletes silently; an insert fails its WITH CHECK.
  return op === "insert" ? { kind: "refused" } : { kind: "none" };
}

function describeOutcome(spec: TableSpec, op: Op, outcome: Outcome): string {
  const rowsOfA = op === "delete" && spec.deleteScope ? spec.deleteScope.label : "A's rows";
  switch (outcome.kind) {
    case "refused":
      return "is refused (42501)";
    case "own":
      return `${op}s only their own membership`;
    case "none":
      return op === "select" ? "sees none of A's rows" : `${op}s none of ${rowsOfA}`;
    case "all":
      if (op === "insert") return "inserts a row";
      return op === "select" ? "sees all of A's rows" : `${op}s all of ${rowsOfA}`;
  }
}

const MARKER = "2001-02-03T04:05:06.000Z";

describe("row level security matrix", () => {
  let database: TestDatabase;
  let w: World;
  /** The organisations each persona belongs to, with its role there ("owner" for service: it sees all). */
  let orgsOf: Record<Persona, { org: string; role: RoleInA }[]>;
  /** The organisation each signed-in persona acts for (their own; the mover acts for A). */
  let actingFor: Record<Exclude<Persona, "anon" | "service"> | "ownerAMemberB", string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const f = createFactories(database.db);
    const a = await f.createOrganisation({ name: "Clinic A" });
    const b = await f.createOrganisation({ name: "Clinic B" });
    const users = {
      memberA: await f.createUser({ email: "member-a@clinicall.test" }),
      adminA: await f.createUser({ email: "admin-a@clinicall.test" }),
      ownerA: await f.createUser({ email: "owner-a@clinicall.test" }),
      memberB: await f.createUser({ email: "member-b@clinicall.test" }),
      ownerAMemberB: await f.createUser({ email: "owner-a-member-b@clinicall.test" }),
      stranger: await f.createUser({ email: "stranger@clinicall.test" }),
    };
    await f.addMember(a, users.memberA, "member");
    await f.addMember(a, users.adminA, "admin");
    await f.addMember(a, users.ownerA, "owner");
    await f.addMember(b, users.memberB, "owner");
    // Used by the cross-tenant move below, not by the matrix: it would see B's rows too.
    await f.addMember(b, users.ownerAMemberB, "member");

    let callA = "";
    for (const org of [a, b]) {
      const numbers = [await f.createPhoneNumber(org), await f.createPhoneNumber(org, { isActive: false })];
      await f.createIntent(org);
      await f.createIntent(org);
      await f.createAssistantSettings(org);
      await f.createWorkingHours(org, { dayOfWeek: 1 });
      await f.createWorkingHours(org, { dayOfWeek: 2 });
      await f.createSubscription(org);
      await f.createSubscription(org, { status: "canceled" });
      const call = await f.createCall(org, { phoneNumberId: numbers[0]!.id, toNumber: numbers[0]!.phoneNumber });
      await f.createCall(org);
      await f.createAssistant(org);
      await f.createAssistant(org);
      await f.createCalendarConnection(org);
      await f.createAppointment(org, { callId: call.id });
      await f.createAppointment(org);
      await f.createWorkingHoursException(org);
      await f.createWorkingHoursException(org);
      await f.createInvitation(org);
      await f.createInvitation(org, { role: "admin" });
      await f.createOAuthState(org);
      await f.createOAuthState(org);
      await database.db
        .insert(callRouting)
        .values({ organisationId: org.id, staffDestinations: [{ name: "Desk", number: "+15550001111", sms: false }] });
      await database.db.insert(callTransfers).values([
        { organisationId: org.id, callId: call.id, kind: "assistant", status: "answered" },
        { organisationId: org.id, callId: call.id, kind: "ring_first", status: "no_answer" },
      ]);
      await database.db.insert(messages).values([
        { organisationId: org.id, callId: call.id, kind: "message", sourceKey: "matrix-1" },
        { organisationId: org.id, kind: "voicemail", sourceKey: "matrix-2" },
      ]);
      const tag = org === a ? "a" : "b";
      await database.db.insert(billingCustomers).values({ organisationId: org.id, stripeCustomerId: `cus_matrix${tag}` });
      for (const n of [1, 2]) {
        await database.db
          .insert(stripeEvents)
          .values({ organisationId: org.id, eventId: `evt_matrix${tag}${n}`, type: "invoice.paid", stripeCustomerId: `cus_matrix${tag}` });
        await database.db.insert(billingUsage).values({
          organisationId: org.id,
          callId: `00000000-0000-4000-8000-${tag === "a" ? "a" : "b"}0000000000${n}`,
          seconds: 61,
          minutes: 2,
          occurredAt: new Date("2026-05-01T10:00:00Z"),
        });
      }
      await f.createPatient(org);
      await f.createPatient(org);
      await database.db.insert(smsMessages).values([
        { organisationId: org.id, direction: "inbound", kind: "inbound", status: "received", body: "1" },
        { organisationId: org.id, direction: "inbound", kind: "inbound", status: "received", body: "2" },
      ]);
      await database.db.insert(staffNotifications).values([
        { organisationId: org.id, kind: "missed_transfer", sourceKey: `missed_transfer:${call.id}`, callId: call.id },
        { organisationId: org.id, kind: "digest", sourceKey: "digest:2026-05-01" },
      ]);
      await database.db.insert(dataExports).values([
        { organisationId: org.id, status: "ready", content: Buffer.from("zip") },
        { organisationId: org.id, status: "failed" },
      ]);
      await database.db.insert(auditEvents).values([
        { organisationId: org.id, action: "hours.changed", objectType: "working_hours" },
        { organisationId: org.id, action: "intent.created", objectType: "intent" },
      ]);
      await database.db.insert(retentionSettings).values({ organisationId: org.id, recordingsDays: 90, transcriptsDays: 90 });
      if (org === a) callA = call.id;
    }
    // The owner of A who is also a member of B must not change the matrix's view of A.
    await f.addMember(a, users.ownerAMemberB, "owner");

    w = {
      orgA: a.id,
      orgB: b.id,
      callA,
      users: Object.fromEntries(Object.entries(users).map(([k, u]) => [k, u.id])) as World["users"],
    };
    actingFor = { memberA: a.id, adminA: a.id, ownerA: a.id, memberB: b.id, ownerAMemberB: a.id };
    orgsOf = {
      anon: [],
      memberA: [{ org: a.id, role: "member" }],
      adminA: [{ org: a.id, role: "admin" }],
      ownerA: [{ org: a.id, role: "owner" }],
      memberB: [{ org: b.id, role: "owner" }],
      service: [
        { org: a.id, role: "owner" },
        { org: b.id, role: "owner" },
      ],
    };
  });
  afterAll(() => database?.close());

  /** Runs `fn` as the persona inside a savepoint of `tx`; returns its value or the SQLSTATE it failed with. */
  async function as<T>(tx: Db, persona: Persona | "ownerAMemberB", fn: (db: Db) => Promise<T>) {
    try {
      let value: T;
      if (persona === "service") {
        value = await tx.transaction((inner) => fn(inner as unknown as Db));
      } else if (persona === "anon") {
        value = await tx.transaction(async (inner) => {
          await inner.execute(sql`set local role anon`);
          return fn(inner as unknown as Db);
        });
      } else {
        value = await runAsUser(tx, { userId: w.users[persona], organisationId: actingFor[persona] }, fn);
      }
      return { value } as { value?: T; error?: string };
    } catch (error) {
      const code = pgErrorCode(error);
      if (!code) throw error;
      return { error: code } as { value?: T; error?: string };
    } finally {
      // A released savepoint keeps `set local role`: back to the superuser to inspect.
      await tx.execute(sql`reset role`);
    }
  }

  async function count(tx: Db, spec: TableSpec, where = sql`true`): Promise<number> {
    const result = await tx.execute(sql`select count(*)::int as n from ${sql.identifier(spec.table)} where ${where}`);
    return Number(result.rows[0]!.n);
  }
  const inOrg = (spec: TableSpec, org: string) => sql`${sql.identifier(spec.orgColumn)} = ${org}`;
  const inA = (spec: TableSpec) => inOrg(spec, w.orgA);
  /** The rows of A a statement for `op` aims at. */
  const targetOf = (spec: TableSpec, op: Op) =>
    op === "delete" && spec.deleteScope ? sql`${inA(spec)} and ${spec.deleteScope.where}` : inA(spec);
  const marked = sql`created_at = ${MARKER}::timestamptz`;
  const rowsFor = (outcome: Outcome, rowsOfA: number) => ({ all: rowsOfA, own: 1, none: 0, refused: 0 })[outcome.kind];

  interface MatrixCase {
    name: string;
    spec: TableSpec;
    persona: Persona;
    op: Op;
    outcome: Outcome;
  }

  async function checkCase({ spec, persona, op, outcome }: MatrixCase) {
    await withRollback(database.db, async (tx) => {
      const target = targetOf(spec, op);
      const rowsOfA = await count(tx, spec, target);
      expect(rowsOfA, "the fixture must give A rows to act on").toBeGreaterThan(0);
      const total = await count(tx, spec);

      if (op === "select") {
        const result = await as(tx, persona, (db) =>
          db.execute(sql`select ${sql.identifier(spec.orgColumn)} as org from ${sql.identifier(spec.table)}`),
        );
        if (outcome.kind === "refused") return expect(result).toEqual({ error: "42501" });
        expect(result.error).toBeUndefined();
        const seen: Record<string, number> = {};
        for (const row of result.value!.rows) seen[row.org as string] = (seen[row.org as string] ?? 0) + 1;
        // Exactly the rows of the organisations the persona may read: all of them, nothing else.
        const wanted: Record<string, number> = {};
        for (const { org, role } of orgsOf[persona]) {
          if (persona !== "service" && !allows(role, spec.access.select)) continue;
          const n = await count(tx, spec, inOrg(spec, org));
          if (n > 0) wanted[org] = n;
        }
        expect(seen).toEqual(wanted);
        expect(seen[w.orgA] ?? 0).toBe(rowsFor(outcome, rowsOfA));
        return;
      }

      if (op === "insert") {
        await spec.beforeInsert?.(tx, w);
        const before = await count(tx, spec);
        const result = await as(tx, persona, (db) => spec.insert(db, w));
        const after = await count(tx, spec);
        if (outcome.kind === "refused") expect(result).toEqual({ error: "42501" });
        else expect(result.error).toBeUndefined();
        expect(after - before).toBe(outcome.kind === "refused" ? 0 : 1);
        return;
      }

      const statement =
        op === "update"
          ? sql`update ${sql.identifier(spec.table)} set created_at = ${MARKER}::timestamptz where ${target}`
          : sql`delete from ${sql.identifier(spec.table)} where ${target}`;
      const result = await as(tx, persona, (db) => db.execute(statement));
      if (outcome.kind === "refused") expect(result).toEqual({ error: "42501" });
      else expect(result.error).toBeUndefined();

      if (op === "update") {
        const changedInA = await count(tx, spec, sql`${target} and ${marked}`);
        expect(await count(tx, spec, marked), "rows outside A changed").toBe(changedInA);
        expect(changedInA).toBe(rowsFor(outcome, rowsOfA));
        return;
      }

      const deletedFromA = rowsOfA - (await count(tx, spec, target));
      expect(total - (await count(tx, spec)), "rows outside A deleted").toBe(deletedFromA);
      expect(deletedFromA).toBe(rowsFor(outcome, rowsOfA));
      if (outcome.kind === "own") {
        const self = w.users[persona as "memberA" | "adminA"];
        expect(await count(tx, spec, sql`${inA(spec)} and user_id = ${self}`), "the caller's own membership went").toBe(0);
      }
    });
  }

  const cases: MatrixCase[] = tables.flatMap((spec) =>
    personas.flatMap((persona) =>
      ops.map((op) => {
        const outcome = expected(spec, persona, op);
        const name = `${spec.table}: ${personaLabel[persona]} ${op} ${describeOutcome(spec, op, outcome)}`;
        return { name, spec, persona, op, outcome };
      }),
    ),
  );

  it("covers every organisation-scoped table in public", async () => {
    const result = await database.db.execute(sql`
      select c.table_name from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.column_name = 'organisation_id'
      order by 1`);
    const covered = new Set(tables.map((t) => t.table));
    const missing = result.rows.map((r) => r.table_name as string).filter((name) => !covered.has(name));
    expect(missing, "organisation-scoped tables missing from the RLS matrix").toEqual([]);
  });

  for (const c of cases) it(c.name, () => checkCase(c));

  it("messages: members of A change status and assignee of A's messages; B's owner changes none; the caller's words stay", async () => {
    const spec = tables.find((t) => t.table === "messages")!;
    for (const persona of ["memberA", "adminA", "ownerA", "memberB"] as const) {
      await withRollback(database.db, async (tx) => {
        const ofA = await count(tx, spec, inA(spec));
        const result = await as(tx, persona, (db) =>
          db.execute(sql`update messages set status = 'done', status_changed_by = ${w.users[persona]}, assigned_to = null`),
        );
        expect(result.error).toBeUndefined();
        expect(await count(tx, spec, sql`${inA(spec)} and status = 'done'`)).toBe(persona === "memberB" ? 0 : ofA);
        const words = await as(tx, persona, (db) => db.execute(sql`update messages set reason = 'forged'`));
        expect(words).toEqual({ error: "42501" });
      });
    }
  });

  describe("a bare UPDATE (no WHERE, no RETURNING) cannot move A's rows into B", () => {
    // Without WHERE or RETURNING the statement never needs SELECT, so only the UPDATE policy's
    // WITH CHECK stands between a member and another tenant (see the RLS reference, section 2).
    type Mover = "memberA" | "adminA" | "ownerA" | "ownerAMemberB";
    const movers: Record<Mover, { label: string; a: RoleInA }> = {
      memberA: { label: "member of A", a: "member" },
      adminA: { label: "admin of A", a: "admin" },
      ownerA: { label: "owner of A", a: "owner" },
      ownerAMemberB: { label: "owner of A who is a plain member of B", a: "owner" },
    };
    interface MoveCase {
      name: string;
      spec: TableSpec;
      mover: Mover;
      refused: boolean;
    }

    // Every mover acts for A. Even a mover whose role in B would let them write this table there
    // (a member of both A and B moving an appointment) cannot: a request acts for one
    // organisation, and the WITH CHECK compares with that one.
    const moveCases: MoveCase[] = tables
      .filter((spec) => spec.orgColumn === "organisation_id")
      .flatMap((spec) =>
        (Object.keys(movers) as Mover[]).map((mover) => {
          // Refused: no UPDATE grant, or allowed to update A's rows but WITH CHECK rejects B.
          // Otherwise the UPDATE policy's USING hides A's rows and nothing moves.
          const need = spec.access.update;
          const refused = need === "service" || allows(movers[mover].a, need);
          const name = `${spec.table}: ${movers[mover].label} ${refused ? "is refused (42501)" : "moves nothing"}`;
          return { name, spec, mover, refused };
        }),
      );

    async function checkMove({ spec, mover, refused }: MoveCase) {
      await withRollback(database.db, async (tx) => {
        const beforeA = await count(tx, spec, inA(spec));
        const beforeB = await count(tx, spec, inOrg(spec, w.orgB));
        expect(beforeA).toBeGreaterThan(0);
        const result = await as(tx, mover, (db) => db.execute(sql`update ${sql.identifier(spec.table)} set organisation_id = ${w.orgB}`));
        expect(result.error).toBe(refused ? "42501" : undefined);
        expect(await count(tx, spec, inOrg(spec, w.orgB)), "B gained rows").toBe(beforeB);
        expect(await count(tx, spec, inA(spec)), "A lost rows").toBe(beforeA);
      });
    }

    for (const c of moveCases) it(c.name, () => checkMove(c));
  });

  describe("a request acts for one organisation, checked in the database", () => {
    const readable = tables.filter((spec) => spec.access.select !== "service");
    /** What `user`, acting for `org`, sees of every readable table, by organisation. */
    async function seenActingFor(tx: Db, userId: string, organisationId: string) {
      return as(tx, "service", (db) =>
        runAsUser(db, { userId, organisationId }, async (inner) => {
          const seen: Record<string, string[]> = {};
          for (const spec of readable) {
            const result = await inner.execute(
              sql`select distinct ${sql.identifier(spec.orgColumn)}::text as org from ${sql.identifier(spec.table)}`,
            );
            seen[spec.table] = result.rows.map((r) => r.org as string);
          }
          return seen;
        }),
      );
    }

    it("acting for an organisation one does not belong to is refused (42501) before anything is read", async () => {
      await withRollback(database.db, async (tx) => {
        expect(await seenActingFor(tx, w.users.memberB, w.orgA)).toEqual({ error: "42501" });
        expect(await seenActingFor(tx, w.users.stranger, w.orgA)).toEqual({ error: "42501" });
        expect(await seenActingFor(tx, w.users.memberA, "00000000-0000-4000-8000-000000000000")).toEqual({ error: "42501" });
      });
    });

    it("a member of A and B sees only the organisation they act for, in every table", async () => {
      await withRollback(database.db, async (tx) => {
        for (const [org, role] of [
          [w.orgA, "owner"],
          [w.orgB, "member"],
        ] as const) {
          const result = await seenActingFor(tx, w.users.ownerAMemberB, org);
          const wanted = Object.fromEntries(readable.map((spec) => [spec.table, allows(role, spec.access.select) ? [org] : []]));
          expect(result).toEqual({ value: wanted });
        }
      });
    });

    it("as a plain member of B, the owner of A gets B's member rights only (no admin write in B)", async () => {
      await withRollback(database.db, async (tx) => {
        const result = await as(tx, "service", (db) =>
          runAsUser(db, { userId: w.users.ownerAMemberB, organisationId: w.orgB }, (inner) =>
            inner.insert(intents).values({ organisationId: w.orgB, name: "Parking" }),
          ),
        );
        expect(result).toEqual({ error: "42501" });
      });
    });

    it("signed in without an organisation (claims and role, no act_for_organisation), nothing is visible", async () => {
      await withRollback(database.db, async (tx) => {
        const claims = JSON.stringify({ sub: w.users.ownerA, role: "authenticated" });
        const result = await as(tx, "service", async (db) => {
          await db.execute(sql`select set_config('request.jwt.claims', ${claims}, true)`);
          await db.execute(sql`set local role authenticated`);
          const counts: Record<string, number> = {};
          for (const spec of readable) counts[spec.table] = await count(db, spec);
          return counts;
        });
        expect(result).toEqual({ value: Object.fromEntries(readable.map((spec) => [spec.table, 0])) });
      });
    });

    it("the organisation recorded for a transaction is gone once it ends", async () => {
      await runAsUser(database.db, { userId: w.users.ownerA, organisationId: w.orgA }, async () => {});
      const after = await database.db.execute(sql`select coalesce(current_setting('clinicall.acting_organisation_id', true), '') as org`);
      expect(after.rows).toEqual([{ org: "" }]);
    });
  });

  describe("calendar tokens never reach `authenticated`", () => {
    interface Probe {
      name: string;
      statement: () => ReturnType<typeof sql>;
      /** The SQLSTATE the statement fails with, or the rows it returns. */
      error?: string;
      rows?: unknown[];
    }
    const probes: Probe[] = [
      {
        name: "cannot select access_token_ciphertext (42501)",
        statement: () => sql`select access_token_ciphertext from organisation_calendar_connections`,
        error: "42501",
      },
      {
        name: "cannot select refresh_token_ciphertext (42501)",
        statement: () => sql`select refresh_token_ciphertext from organisation_calendar_connections`,
        error: "42501",
      },
      {
        name: "cannot select * (42501)",
        statement: () => sql`select * from organisation_calendar_connections`,
        error: "42501",
      },
      {
        name: "cannot filter on a token column (42501)",
        statement: () =>
          sql`select id from organisation_calendar_connections
              where organisation_id = ${w.orgA} and refresh_token_ciphertext like 'v1.%'`,
        error: "42501",
      },
      {
        name: "cannot copy a token into a readable column with UPDATE (42501)",
        statement: () =>
          sql`update organisation_calendar_connections set google_account_email = refresh_token_ciphertext
              where organisation_id = ${w.orgA}`,
        error: "42501",
      },
      {
        name: "cannot read tokens back through UPDATE ... RETURNING * (42501)",
        statement: () =>
          sql`update organisation_calendar_connections set status = 'connected'
              where organisation_id = ${w.orgA} returning *`,
        error: "42501",
      },
      {
        name: "can select status",
        statement: () => sql`select status from organisation_calendar_connections`,
        rows: [{ status: "connected" }],
      },
    ];

    async function checkProbe(persona: Persona, probe: Probe) {
      await withRollback(database.db, async (tx) => {
        const readable = sql`select google_account_email from organisation_calendar_connections where organisation_id = ${w.orgA}`;
        const before = (await tx.execute(readable)).rows;
        const result = await as(tx, persona, (db) => db.execute(probe.statement()));
        if (probe.error) {
          expect(result).toEqual({ error: probe.error });
        } else {
          expect(result.error).toBeUndefined();
          expect(result.value!.rows).toEqual(probe.rows);
        }
        expect((await tx.execute(readable)).rows).toEqual(before);
      });
    }

    for (const persona of ["memberA", "adminA", "ownerA"] as const) {
      for (const probe of probes) it(`${personaLabel[persona]} ${probe.name}`, () => checkProbe(persona, probe));
    }
  });

  describe("nobody raises their own role or joins another organisation", () => {
    for (const [persona, role] of [
      ["memberA", "member"],
      ["adminA", "admin"],
    ] as const) {
      it(`${personaLabel[persona]} cannot make themselves owner of A (0 rows)`, async () => {
        await withRollback(database.db, async (tx) => {
          const self = w.users[persona];
          const result = await as(tx, persona, (db) =>
            db.execute(sql`update organisation_members set role = 'owner' where user_id = ${self}`),
          );
          expect(result.error).toBeUndefined();
          const rows = await tx.execute(sql`select role from organisation_members where user_id = ${self}`);
          expect(rows.rows).toEqual([{ role }]);
        });
      });
    }

    for (const persona of ["memberA", "adminA", "ownerA"] as const) {
      it(`${personaLabel[persona]} cannot add themselves to B (42501)`, async () => {
        await withRollback(database.db, async (tx) => {
          const self = w.users[persona];
          const result = await as(tx, persona, (db) =>
            db.insert(organisationMembers).values({ organisationId: w.orgB, userId: self, role: "owner" }),
          );
          expect(result).toEqual({ error: "42501" });
          const rows = await tx.execute(sql`select 1 from organisation_members where organisation_id = ${w.orgB} and user_id = ${self}`);
          expect(rows.rows).toHaveLength(0);
        });
      });
    }
  });
});
