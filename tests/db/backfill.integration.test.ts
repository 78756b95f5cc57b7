import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsUser } from "@/server/db/access";
import { migrate } from "@/server/db/migrator";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

/**
 * Upgrading a single-tenant database: load data at the baseline schema (every row keyed by its
 * user), run the multi-tenant migrations, and check the backfill put every row in its user's
 * organisation, cleaned up phone numbers, linked calls, and that RLS then shows each user
 * exactly their own organisation.
 */

const BASELINE = "20260101000100";

// Fixed ids so the assertions can name rows.
const ana = "a0000000-0000-4000-8000-000000000001"; // has a clinic name
const dana = "a0000000-0000-4000-8000-000000000002"; // blank clinic name, has a full name
const solo = "a0000000-0000-4000-8000-000000000003"; // neither: the email names the clinic
const users = [ana, dana, solo];

const phone = {
  anaFormatted: "b0000000-0000-4000-8000-000000000001", // "+1 (555) 123-0000", oldest holder of the number
  danaSameNumber: "b0000000-0000-4000-8000-000000000002", // "+15551230000" again, younger: loses it
  soloOlder: "b0000000-0000-4000-8000-000000000003", // "+15559990000", older row of a plain duplicate
  anaYounger: "b0000000-0000-4000-8000-000000000004", // "+15559990000", younger row (of the older user)
  danaUk: "b0000000-0000-4000-8000-000000000005", // "+44 20 7946 0018"
  soloLocal: "b0000000-0000-4000-8000-000000000006", // "555-0100": not E.164, kept but switched off
};

const call = {
  anaToFormatted: "c0000000-0000-4000-8000-000000000001",
  danaToShared: "c0000000-0000-4000-8000-000000000002",
  danaToUk: "c0000000-0000-4000-8000-000000000003",
  soloToOlder: "c0000000-0000-4000-8000-000000000004",
  soloToUnknown: "c0000000-0000-4000-8000-000000000005",
};

/** Rows per user in each tenant table, as loaded below. */
const loaded: Record<string, Record<string, number>> = {
  phone_numbers: { [ana]: 2, [dana]: 2, [solo]: 2 },
  intents: { [ana]: 2, [dana]: 1, [solo]: 1 },
  assistant_settings: { [ana]: 1, [dana]: 1, [solo]: 1 },
  working_hours: { [ana]: 2, [dana]: 1, [solo]: 1 },
  subscriptions: { [ana]: 1, [dana]: 0, [solo]: 0 },
  calls: { [ana]: 1, [dana]: 2, [solo]: 2 },
  assistants: { [ana]: 0, [dana]: 1, [solo]: 0 },
};
const tenantTables = Object.keys(loaded);

describe("backfill from the single-tenant baseline", () => {
  let database: TestDatabase;
  let orgOf: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase({ upTo: BASELINE });
    const db = database.db;
    const schema = await db.execute(sql`select version from clinicall_private.schema_migrations order by version desc limit 1`);
    expect(schema.rows[0]!.version).toBe(BASELINE);

    await db.execute(sql`
      insert into auth.users (id, email, created_at) values
        (${ana}, 'ana@sunrise.test', '2025-01-01T00:00:00Z'),
        (${dana}, 'dana@example.test', '2025-01-02T00:00:00Z'),
        (${solo}, 'solo@example.test', '2025-01-03T00:00:00Z')`);
    await db.execute(sql`
      insert into public.profiles (id, full_name, clinic_name) values
        (${ana}, 'Ana Lima', 'Sunrise Dental'),
        (${dana}, 'Dana Scully', '   '),
        (${solo}, null, null)`);
    await db.execute(sql`
      insert into public.phone_numbers (id, user_id, phone_number, is_active, created_at) values
        (${phone.anaFormatted}, ${ana}, '+1 (555) 123-0000', true, '2025-01-10T00:00:00Z'),
        (${phone.danaSameNumber}, ${dana}, '+15551230000', true, '2025-02-10T00:00:00Z'),
        (${phone.soloOlder}, ${solo}, '+15559990000', true, '2025-01-05T00:00:00Z'),
        (${phone.anaYounger}, ${ana}, '+15559990000', true, '2025-03-01T00:00:00Z'),
        (${phone.danaUk}, ${dana}, '+44 20 7946 0018', true, '2025-02-11T00:00:00Z'),
        (${phone.soloLocal}, ${solo}, '555-0100', true, '2025-01-06T00:00:00Z')`);
    await db.execute(sql`
      insert into public.intents (user_id, name) values
        (${ana}, 'Opening hours'), (${ana}, 'Parking'), (${dana}, 'Prices'), (${solo}, 'Opening hours')`);
    await db.execute(sql`
      insert into public.assistant_settings (user_id, greeting_en) values
        (${ana}, 'Sunrise Dental, hello'), (${dana}, 'Hello'), (${solo}, 'Hi')`);
    await db.execute(sql`
      insert into public.working_hours (user_id, day_of_week, opens_at, closes_at) values
        (${ana}, 1, '09:00', '17:00'), (${ana}, 2, '09:00', '17:00'),
        (${dana}, 1, '08:00', '12:00'), (${solo}, 5, '10:00', '14:00')`);
    await db.execute(sql`
      insert into public.subscriptions (user_id, stripe_customer_id, stripe_subscription_id, status)
        values (${ana}, 'cus_ana', 'sub_ana', 'active')`);
    await db.execute(sql`insert into public.assistants (user_id, name) values (${dana}, 'Dana bot')`);
    await db.execute(sql`
      insert into public.calls (id, user_id, twilio_call_sid, to_number, from_number, status) values
        (${call.anaToFormatted}, ${ana}, 'CA1', '+15551230000', '+15557770001', 'completed'),
        (${call.danaToShared}, ${dana}, 'CA2', '+15551230000', '+15557770002', 'completed'),
        (${call.danaToUk}, ${dana}, 'CA3', '+442079460018', '+15557770003', 'completed'),
        (${call.soloToOlder}, ${solo}, 'CA4', '+15559990000', '+15557770004', 'completed'),
        (${call.soloToUnknown}, ${solo}, 'CA5', '+15550000000', '+15557770005', 'no-answer')`);

    await migrate(database);

    const members = await db.execute(sql`select user_id, organisation_id from organisation_members`);
    orgOf = Object.fromEntries(members.rows.map((r) => [r.user_id as string, r.organisation_id as string]));
  });
  afterAll(() => database?.close());

  it("creates one organisation per profile, named from clinic_name, then full_name, then email", async () => {
    const result = await database.db.execute(sql`
      select m.user_id, o.name from organisations o join organisation_members m on m.organisation_id = o.id
      order by m.user_id`);
    expect(result.rows).toEqual([
      { user_id: ana, name: "Sunrise Dental" },
      { user_id: dana, name: "Dana Scully's clinic" },
      { user_id: solo, name: "solo@example.test" },
    ]);
    const count = await database.db.execute(sql`select count(*)::int as n from organisations`);
    expect(count.rows[0]!.n).toBe(3);
  });

  it("makes each user the owner of their organisation, and of nothing else", async () => {
    const result = await database.db.execute(sql`select user_id, role from organisation_members order by user_id`);
    expect(result.rows).toEqual(users.map((user_id) => ({ user_id, role: "owner" })));
    expect(new Set(Object.values(orgOf)).size).toBe(3);
  });

  it.each(tenantTables)("%s: every row kept, in its user's organisation, user_id kept", async (table) => {
    const result = await database.db.execute(sql`select user_id, organisation_id from ${sql.identifier(table)}`);
    const perUser: Record<string, number> = {};
    for (const row of result.rows) {
      expect(row.organisation_id).toBe(orgOf[row.user_id as string]);
      perUser[row.user_id as string] = (perUser[row.user_id as string] ?? 0) + 1;
    }
    const wanted = Object.fromEntries(Object.entries(loaded[table]!).filter(([, n]) => n > 0));
    expect(perUser).toEqual(wanted);
  });

  it("normalises phone numbers to E.164 and keeps the unreadable one, switched off", async () => {
    const result = await database.db.execute(sql`select id, phone_number, is_active from phone_numbers order by id`);
    expect(result.rows).toEqual([
      { id: phone.anaFormatted, phone_number: "+15551230000", is_active: true },
      { id: phone.danaSameNumber, phone_number: "+15551230000", is_active: false },
      { id: phone.soloOlder, phone_number: "+15559990000", is_active: true },
      { id: phone.anaYounger, phone_number: "+15559990000", is_active: false },
      { id: phone.danaUk, phone_number: "+442079460018", is_active: true },
      { id: phone.soloLocal, phone_number: "555-0100", is_active: false },
    ]);
  });

  it("leaves each number active at exactly one clinic, and the unique index enforces it from now on", async () => {
    const error = await database.db
      .execute(sql`update phone_numbers set is_active = true where id = ${phone.danaSameNumber}`)
      .catch((e: unknown) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("23505");
  });

  it("links each call to the dialled number of its own organisation", async () => {
    const result = await database.db.execute(sql`select id, phone_number_id from calls order by id`);
    expect(result.rows).toEqual([
      { id: call.anaToFormatted, phone_number_id: phone.anaFormatted },
      // Dana's own (now inactive) copy of the number, never Ana's: the link stays inside the tenant.
      { id: call.danaToShared, phone_number_id: phone.danaSameNumber },
      { id: call.danaToUk, phone_number_id: phone.danaUk },
      { id: call.soloToOlder, phone_number_id: phone.soloOlder },
      { id: call.soloToUnknown, phone_number_id: null },
    ]);
  });

  it.each([
    { name: "Ana", user: ana },
    { name: "Dana", user: dana },
    { name: "Solo", user: solo },
  ])("$name sees exactly their own organisation's rows through RLS", async ({ user }) => {
    const seen = await runAsUser(database.db, { userId: user, organisationId: orgOf[user]! }, async (tx) => {
      const out: Record<string, { organisations: string[]; count: number }> = {};
      for (const table of [...tenantTables, "organisation_members"]) {
        const result = await tx.execute(sql`select organisation_id from ${sql.identifier(table)}`);
        out[table] = {
          organisations: [...new Set(result.rows.map((r) => r.organisation_id as string))],
          count: result.rows.length,
        };
      }
      const orgs = await tx.execute(sql`select id from organisations`);
      out.organisations = { organisations: orgs.rows.map((r) => r.id as string), count: orgs.rows.length };
      return out;
    });
    const own = orgOf[user]!;
    const wanted: Record<string, { organisations: string[]; count: number }> = {
      organisations: { organisations: [own], count: 1 },
      organisation_members: { organisations: [own], count: 1 },
    };
    for (const table of tenantTables) {
      const n = loaded[table]![user]!;
      wanted[table] = { organisations: n > 0 ? [own] : [], count: n };
    }
    expect(seen).toEqual(wanted);
  });
});
