import { createHash, randomUUID } from "node:crypto";
import type { Db } from "@/server/db/connection";
import {
  appointments,
  assistantSettings,
  assistants,
  calls,
  intents,
  type MemberRole,
  oauthStates,
  organisationCalendarConnections,
  organisationInvitations,
  organisationMembers,
  organisations,
  type Patient,
  patients,
  phoneNumbers,
  profiles,
  subscriptions,
  users,
  workingHours,
  workingHoursExceptions,
} from "@/server/db/schema";

/**
 * Test data factories. Each one inserts one row with sensible defaults that any override
 * replaces, and returns the row as stored.
 *
 * They write on whatever `Db` they are given, normally the service path (`database.db`: the
 * connecting superuser, row level security bypassed), so they can build any world a test
 * needs. Pass a transaction instead to keep the rows inside it (see `withRollback`).
 *
 *   const { createUser, createOrganisation, addMember, createIntent } = createFactories(database.db);
 *   const org = await createOrganisation({ name: "Sunrise Dental" });
 *   const owner = await createUser({ email: "owner@sunrise.test" });
 *   await addMember(org, owner, "owner");
 *   await createIntent(org, { name: "Opening hours" });
 *
 * Defaults are unique within a process (a counter, not randomness), so runs are repeatable.
 */

export type User = typeof users.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type Membership = typeof organisationMembers.$inferSelect;
export type PhoneNumber = typeof phoneNumbers.$inferSelect;
export type Intent = typeof intents.$inferSelect;
export type AssistantSettings = typeof assistantSettings.$inferSelect;
export type WorkingHours = typeof workingHours.$inferSelect;
export type WorkingHoursException = typeof workingHoursExceptions.$inferSelect;
export type Invitation = typeof organisationInvitations.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
export type Call = typeof calls.$inferSelect;
export type Assistant = typeof assistants.$inferSelect;
export type CalendarConnection = typeof organisationCalendarConnections.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type OAuthState = typeof oauthStates.$inferSelect;

/** Anything with the id of a row: a factory result, or `{ id }`. */
export interface Ref {
  id: string;
}

/** Overrides for a tenant row: every column except the organisation, which is the first argument. */
type TenantOverrides<T extends { organisationId: string }> = Partial<Omit<T, "organisationId">>;

export interface UserOverrides extends Partial<typeof users.$inferInsert> {
  /** Also insert the `profiles` row, as signing up does (default true). */
  withProfile?: boolean;
  fullName?: string | null;
  clinicName?: string | null;
}

let sequence = 0;
/** The next number of the process-wide sequence behind every unique default. */
export function nextSequence(): number {
  sequence += 1;
  return sequence;
}

/** A valid E.164 number in the +1 555 range that no other factory call has returned. */
function uniquePhoneNumber(): string {
  return `+1555${String(nextSequence()).padStart(7, "0")}`;
}

/** Monday 2 March 2026, 09:00 UTC: the default day of appointments. */
const FIRST_APPOINTMENT = Date.UTC(2026, 2, 2, 9, 0, 0);
const DAY = 86_400_000;

export function createFactories(db: Db) {
  async function createUser(overrides: UserOverrides = {}): Promise<User> {
    const { withProfile = true, fullName, clinicName, ...columns } = overrides;
    const n = nextSequence();
    const [user] = await db
      .insert(users)
      .values({ email: `user${n}@clinicall.test`, ...columns })
      .returning();
    if (withProfile) {
      await db.insert(profiles).values({ id: user!.id, fullName: fullName ?? `Test User ${n}`, clinicName: clinicName ?? null });
    }
    return user!;
  }

  async function createOrganisation(overrides: Partial<typeof organisations.$inferInsert> = {}): Promise<Organisation> {
    const [row] = await db
      .insert(organisations)
      .values({ name: `Clinic ${nextSequence()}`, ...overrides })
      .returning();
    return row!;
  }

  async function addMember(org: Ref, user: Ref, role: MemberRole = "member"): Promise<Membership> {
    const [row] = await db.insert(organisationMembers).values({ organisationId: org.id, userId: user.id, role }).returning();
    return row!;
  }

  /** An organisation with one user in each role, the shape most authorisation tests need. */
  async function createClinic(overrides: Partial<typeof organisations.$inferInsert> = {}) {
    const organisation = await createOrganisation(overrides);
    const owner = await createUser();
    const admin = await createUser();
    const member = await createUser();
    await addMember(organisation, owner, "owner");
    await addMember(organisation, admin, "admin");
    await addMember(organisation, member, "member");
    return { organisation, owner, admin, member };
  }

  async function createPhoneNumber(org: Ref, overrides: TenantOverrides<typeof phoneNumbers.$inferInsert> = {}): Promise<PhoneNumber> {
    const [row] = await db
      .insert(phoneNumbers)
      .values({ phoneNumber: uniquePhoneNumber(), label: "Reception", ...overrides, organisationId: org.id })
      .returning();
    return row!;
  }

  async function createIntent(org: Ref, overrides: TenantOverrides<typeof intents.$inferInsert> = {}): Promise<Intent> {
    const [row] = await db
      .insert(intents)
      .values({
        name: `Intent ${nextSequence()}`,
        examplePhrases: ["When are you open?"],
        responseEn: "We are open from nine to five.",
        ...overrides,
        organisationId: org.id,
      })
      .returning();
    return row!;
  }

  /** At most one per organisation (unique organisation_id). */
  async function createAssistantSettings(
    org: Ref,
    overrides: TenantOverrides<typeof assistantSettings.$inferInsert> = {},
  ): Promise<AssistantSettings> {
    const [row] = await db
      .insert(assistantSettings)
      .values({ greetingEn: "Hello, you have reached the clinic.", ...overrides, organisationId: org.id })
      .returning();
    return row!;
  }

  async function createWorkingHours(org: Ref, overrides: TenantOverrides<typeof workingHours.$inferInsert> = {}): Promise<WorkingHours> {
    const [row] = await db
      .insert(workingHours)
      .values({ dayOfWeek: 1, opensAt: "09:00", closesAt: "17:00", ...overrides, organisationId: org.id })
      .returning();
    return row!;
  }

  /** Defaults to a closed day (a holiday), a different date on each call. */
  async function createWorkingHoursException(
    org: Ref,
    overrides: TenantOverrides<typeof workingHoursExceptions.$inferInsert> = {},
  ): Promise<WorkingHoursException> {
    const date = new Date(Date.UTC(2026, 0, 1) + nextSequence() * DAY).toISOString().slice(0, 10);
    const [row] = await db
      .insert(workingHoursExceptions)
      .values({ date, closed: true, label: "Holiday", ...overrides, organisationId: org.id })
      .returning();
    return row!;
  }

  /**
   * A pending invitation. `tokenHash` defaults to a unique placeholder: tests that accept an
   * invitation should pass the SHA-256 of the token they hold.
   */
  async function createInvitation(
    org: Ref,
    overrides: TenantOverrides<typeof organisationInvitations.$inferInsert> = {},
  ): Promise<Invitation> {
    const n = nextSequence();
    const [row] = await db
      .insert(organisationInvitations)
      .values({
        email: `invitee${n}@clinicall.test`,
        role: "member",
        tokenHash: `test-token-hash-${n}`,
        expiresAt: new Date(Date.UTC(2030, 0, 1)),
        ...overrides,
        organisationId: org.id,
      })
      .returning();
    return row!;
  }

  async function createSubscription(org: Ref, overrides: TenantOverrides<typeof subscriptions.$inferInsert> = {}): Promise<Subscription> {
    const n = nextSequence();
    const [row] = await db
      .insert(subscriptions)
      .values({
        stripeCustomerId: `cus_test${n}`,
        stripeSubscriptionId: `sub_test${n}`,
        status: "active",
        plan: "starter",
        ...overrides,
        organisationId: org.id,
      })
      .returning();
    return row!;
  }

  /** `phoneNumberId`, if given, must be a number of the same organisation (composite FK). */
  async function createCall(org: Ref, overrides: TenantOverrides<typeof calls.$inferInsert> = {}): Promise<Call> {
    const n = nextSequence();
    const [row] = await db
      .insert(calls)
      .values({
        twilioCallSid: `CA${String(n).padStart(32, "0")}`,
        vapiCallId: `vapi-call-${n}`,
        fromNumber: "+15557770000",
        status: "ended",
        ...overrides,
        organisationId: org.id,
      })
      .returning();
    return row!;
  }

  async function createAssistant(org: Ref, overrides: TenantOverrides<typeof assistants.$inferInsert> = {}): Promise<Assistant> {
    const n = nextSequence();
    const [row] = await db
      .insert(assistants)
      .values({ name: `Assistant ${n}`, vapiAssistantId: `vapi-assistant-${n}`, ...overrides, organisationId: org.id })
      .returning();
    return row!;
  }

  /** At most one per organisation. Token columns must look like ciphertext ("v1." prefix). */
  async function createCalendarConnection(
    org: Ref,
    overrides: TenantOverrides<typeof organisationCalendarConnections.$inferInsert> = {},
  ): Promise<CalendarConnection> {
    const n = nextSequence();
    const [row] = await db
      .insert(organisationCalendarConnections)
      .values({
        googleAccountEmail: `calendar${n}@clinicall.test`,
        accessTokenCiphertext: `v1.test-access-${n}`,
        refreshTokenCiphertext: `v1.test-refresh-${n}`,
        tokenExpiresAt: new Date(Date.UTC(2030, 0, 1)),
        scopes: "https://www.googleapis.com/auth/calendar.events",
        status: "connected",
        ...overrides,
        organisationId: org.id,
      })
      .returning();
    return row!;
  }

  /**
   * Defaults to a 30-minute slot on successive hours from Monday 2 March 2026 09:00 UTC.
   * `callId`, if given, must be a call of the same organisation (composite FK).
   */
  async function createAppointment(org: Ref, overrides: TenantOverrides<typeof appointments.$inferInsert> = {}): Promise<Appointment> {
    const n = nextSequence();
    const startAt = overrides.startAt ?? new Date(FIRST_APPOINTMENT + n * 3_600_000);
    const [row] = await db
      .insert(appointments)
      .values({
        startAt,
        endAt: new Date(startAt.getTime() + 30 * 60_000),
        customerName: `Patient ${n}`,
        customerPhone: "+15557770000",
        ...overrides,
        organisationId: org.id,
      })
      .returning();
    return row!;
  }

  async function createPatient(org: Ref, overrides: TenantOverrides<typeof patients.$inferInsert> = {}): Promise<Patient> {
    const n = nextSequence();
    const [row] = await db
      .insert(patients)
      .values({ phoneNumber: `+1555880${String(n).padStart(4, "0")}`, name: `Patient ${n}`, ...overrides, organisationId: org.id })
      .returning();
    return row!;
  }

  /** A pending "Connect Google Calendar" click, by a new admin of `org` unless `userId` is given. */
  async function createOAuthState(org: Ref, overrides: TenantOverrides<typeof oauthStates.$inferInsert> = {}): Promise<OAuthState> {
    const n = nextSequence();
    const userId = overrides.userId ?? (await createUser()).id;
    const [row] = await db
      .insert(oauthStates)
      .values({
        stateHash: createHash("sha256").update(`oauth-state-${n}-${randomUUID()}`).digest("hex"),
        codeVerifierCiphertext: `v1.test-verifier-${n}`,
        redirectUri: "http://localhost:3000/api/calendar/callback",
        expiresAt: new Date(Date.now() + 10 * 60_000),
        ...overrides,
        userId,
        organisationId: org.id,
      })
      .returning();
    return row!;
  }

  return {
    createOAuthState,
    createUser,
    createOrganisation,
    addMember,
    createClinic,
    createPhoneNumber,
    createIntent,
    createAssistantSettings,
    createWorkingHours,
    createWorkingHoursException,
    createInvitation,
    createSubscription,
    createCall,
    createAssistant,
    createCalendarConnection,
    createAppointment,
    createPatient,
  };
}

class RolledBack<T> extends Error {
  constructor(readonly value: T) {
    super("rolled back on purpose");
  }
}

/**
 * Runs `fn` in a transaction that is always rolled back, and returns what `fn` returned:
 * a test can change anything inside and the next test still finds the world it started from.
 */
export async function withRollback<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new RolledBack(await fn(tx as unknown as Db));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.value as T;
    throw error;
  }
  throw new Error("withRollback: the transaction committed");
}

/**
 * The SQLSTATE of a failed query (`42501`, `23503`, ...). drizzle wraps driver errors and
 * keeps the Postgres error in `cause`; a bare driver error carries `code` itself.
 */
export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === "string" ? code : undefined;
}
