import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

/**
 * Could the schema move to a Postgres sharded by organisation (Citus, distribution column
 * `organisation_id`; docs/scaling.md)? Read from pg_catalog, so it covers every table a
 * migration adds. In such a layout a primary, unique or exclusion key of a tenant table must
 * contain the distribution column, a foreign key between tenant tables must carry it on both
 * sides, and a global (reference) table cannot point at a tenant table. What breaks those rules
 * today is listed below with the reason and the way out; anything else fails this test.
 */

/** Tables without `organisation_id`, and what they would be in a sharded layout. */
const GLOBAL_TABLES: Record<string, string> = {
  organisations: "the tenant root: distributed by its own id, the value every tenant row's organisation_id holds (colocated with them)",
  profiles: "one row per person, who may belong to several clinics: a reference table (copied to every node)",
  user_sessions: "sessions of people, not of clinics: a reference table",
  account_security: "a person's verified address, two-factor secret and email choices, whatever clinics they belong to: a reference table",
  account_tokens:
    "a person's single-use links (reset, verification) and sign-in challenges, before any clinic is chosen: a reference table",
  recovery_codes: "a person's two-factor recovery codes: a reference table",
  login_throttle_buckets:
    "log-in throttle keyed by client address (and address + email) before anyone is known: a reference table (or kept on the coordinator)",
};

/** Keys of tenant tables without `organisation_id` that stay, and what sharding would do with them. */
const KEY_EXCEPTIONS: Record<string, string> = {
  "calls.calls_twilio_call_sid_key":
    "Twilio's CallSid is unique worldwide and status callbacks carry nothing else; sharded: unique (organisation_id, twilio_call_sid) and the callback URL names the organisation (or a CallSid → organisation lookup table)",
  "calls.calls_vapi_call_id_key":
    "Vapi's call id arrives with our metadata (organisation_id), so sharded it becomes unique (organisation_id, vapi_call_id)",
  "phone_numbers.phone_numbers_active_number_key":
    "a number rings one clinic: the routing of an incoming call (number → organisation) happens before the organisation is known; sharded it becomes a reference table of active numbers",
  "oauth_states.oauth_states_state_hash_key":
    "Google's callback carries only the state: sharded, the state names the organisation (state = organisation id + random) and the key becomes (organisation_id, state_hash)",
  "organisation_invitations.organisation_invitations_token_hash_key":
    "an invitation link carries only its token: sharded, the link names the organisation and the key becomes (organisation_id, token_hash)",
  "billing_customers.billing_customers_stripe_customer_id_key":
    "Stripe's webhooks name the customer only; the customer → organisation lookup happens before the organisation is known (like an active phone number): sharded, a reference table of customers, or the organisation read from the customer's metadata",
  "subscriptions.subscriptions_stripe_subscription_id_key":
    "Stripe's webhooks carry the subscription id: sharded, Stripe's metadata names the organisation and the key becomes (organisation_id, stripe_subscription_id)",
  "sms_messages.sms_messages_twilio_sid_key":
    "Twilio's MessageSid is unique worldwide and status callbacks carry nothing else (like a CallSid): sharded, the callback URL names the organisation and the key becomes (organisation_id, twilio_sid)",
};

/** Foreign keys that would not survive sharding, and what replaces them. */
const FOREIGN_KEY_EXCEPTIONS: Record<string, string> = {
  "user_sessions.user_sessions_current_organisation_id_fkey":
    "a reference table cannot reference a distributed one: sharded, the foreign key is dropped; every request already checks the membership of the organisation a session points at",
};

interface TableRow {
  table: string;
  tenant: boolean;
}
interface KeyRow {
  table: string;
  name: string;
  kind: "primary" | "unique" | "unique index" | "exclusion";
  columns: (string | null)[];
  definition: string;
}
interface ForeignKeyRow {
  table: string;
  name: string;
  columns: string[];
  target: string;
  targetColumns: string[];
}

let database: TestDatabase;
let tables: TableRow[];
let keys: KeyRow[];
let foreignKeys: ForeignKeyRow[];

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  tables = (
    await db.execute(sql`
      select c.relname as table,
        exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped) as tenant
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by 1`)
  ).rows as unknown as TableRow[];
  keys = (
    await db.execute(sql`
      select t.relname as table, i.relname as name,
        case when x.indisprimary then 'primary' when con.contype = 'u' then 'unique'
             when con.contype = 'x' then 'exclusion' else 'unique index' end as kind,
        array(select a.attname::text from unnest(x.indkey::int2[]) with ordinality k(attnum, ord)
              left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
              order by k.ord) as columns,
        coalesce(pg_get_constraintdef(con.oid), pg_get_indexdef(i.oid)) as definition
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      left join pg_constraint con on con.conindid = i.oid and con.conrelid = t.oid and con.contype in ('p', 'u', 'x')
      where n.nspname = 'public' and t.relkind in ('r', 'p') and (x.indisunique or con.contype = 'x')
      order by 1, 2`)
  ).rows as unknown as KeyRow[];
  foreignKeys = (
    await db.execute(sql`
      select t.relname as table, con.conname as name, r.relname as target, rn.nspname as target_schema,
        array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.ord) as columns,
        array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.ord) as "targetColumns"
      from pg_constraint con
      join pg_class t on t.oid = con.conrelid
      join pg_namespace n on n.oid = t.relnamespace
      join pg_class r on r.oid = con.confrelid
      join pg_namespace rn on rn.oid = r.relnamespace
      where n.nspname = 'public' and con.contype = 'f'
      order by 1, 2`)
  ).rows.map((row) => ({
    ...(row as unknown as ForeignKeyRow),
    target: row.target_schema === "public" ? String(row.target) : `${row.target_schema}.${row.target}`,
  }));
});
afterAll(() => database?.close());

/** The column a table would be distributed by, or undefined for a global (reference) table. */
function distributionColumn(table: string): string | undefined {
  if (table === "organisations") return "id";
  return tables.find((t) => t.table === table)?.tenant ? "organisation_id" : undefined;
}

/** Every table with its keys and what each means for sharding: the failure message of every check. */
function inventory(): string {
  return tables
    .map((t) => {
      const column = distributionColumn(t.table);
      const head = `${t.table}: ${column ? `distributed by ${column}` : "reference table"}`;
      const lines = keys.filter((k) => k.table === t.table).map((k) => `  ${k.kind} ${k.name}: ${k.definition}`);
      return [head, ...lines].join("\n");
    })
    .join("\n");
}

function keyBlocksSharding(key: KeyRow): boolean {
  const column = distributionColumn(key.table);
  if (!column) return false;
  if (key.kind === "exclusion") return !new RegExp(`\\b${column} WITH =`).test(key.definition);
  return !key.columns.includes(column);
}

/** `primary key (id)` next to `unique (organisation_id, id)`: sharding swaps the two, nothing else moves. */
function swappablePrimaryKey(key: KeyRow): boolean {
  if (key.kind !== "primary") return false;
  const column = distributionColumn(key.table)!;
  const composite = [column, ...key.columns].join(",");
  return keys.some((k) => k.table === key.table && k.kind !== "exclusion" && k.kind !== "primary" && k.columns.join(",") === composite);
}

function foreignKeyBlocksSharding(fk: ForeignKeyRow): boolean {
  const from = distributionColumn(fk.table);
  const to = fk.target.includes(".") ? undefined : distributionColumn(fk.target);
  if (!to) return false; // to a reference table (auth.users, profiles): allowed from anywhere
  if (!from) return true; // a reference table cannot point at a distributed one
  const at = fk.columns.indexOf(from);
  return at < 0 || fk.targetColumns[at] !== to; // must join on the distribution column
}

describe("shard readiness (distribution column organisation_id)", () => {
  it("knows every table: tenant tables carry organisation_id, the others are listed with their role", () => {
    const unexplained = tables.filter((t) => !t.tenant && !GLOBAL_TABLES[t.table]).map((t) => t.table);
    expect(unexplained, `tables without organisation_id and no reason in GLOBAL_TABLES:\n${inventory()}`).toEqual([]);
    const stale = Object.keys(GLOBAL_TABLES).filter((name) => !tables.some((t) => t.table === name && !t.tenant));
    expect(stale, "GLOBAL_TABLES names tables that no longer exist or now carry organisation_id").toEqual([]);
  });

  it("every primary key of a tenant table contains organisation_id or has unique (organisation_id, ...) beside it", () => {
    const blocking = keys.filter((k) => k.kind === "primary" && keyBlocksSharding(k) && !swappablePrimaryKey(k));
    expect(
      blocking.map((k) => `${k.table}.${k.name}`),
      inventory(),
    ).toEqual([]);
  });

  it("unique and exclusion keys without organisation_id are exactly the explained exceptions", () => {
    const blocking = keys.filter((k) => k.kind !== "primary" && keyBlocksSharding(k)).map((k) => `${k.table}.${k.name}`);
    expect(
      blocking,
      `keys that would stop sharding by organisation (add organisation_id, or explain in KEY_EXCEPTIONS):\n${inventory()}`,
    ).toEqual(Object.keys(KEY_EXCEPTIONS).sort());
  });

  it("foreign keys between tenant tables join on organisation_id, apart from the explained exceptions", () => {
    const blocking = foreignKeys.filter(foreignKeyBlocksSharding).map((fk) => `${fk.table}.${fk.name}`);
    const described = foreignKeys.map((fk) => `  ${fk.table}.${fk.name}: (${fk.columns}) → ${fk.target}(${fk.targetColumns})`).join("\n");
    expect(blocking, `foreign keys that would stop sharding by organisation:\n${described}`).toEqual(
      Object.keys(FOREIGN_KEY_EXCEPTIONS).sort(),
    );
  });

  it("judges a key or foreign key that skips organisation_id as blocking (the checks themselves)", () => {
    const tenantKey: KeyRow = { table: "calls", name: "x", kind: "unique", columns: ["from_number"], definition: "UNIQUE (from_number)" };
    expect(keyBlocksSharding(tenantKey)).toBe(true);
    expect(keyBlocksSharding({ ...tenantKey, columns: ["organisation_id", "from_number"] })).toBe(false);
    expect(
      keyBlocksSharding({
        ...tenantKey,
        kind: "exclusion",
        columns: ["calendar_id"],
        definition: "EXCLUDE USING gist (calendar_id WITH =)",
      }),
    ).toBe(true);
    const fk: ForeignKeyRow = { table: "appointments", name: "y", columns: ["call_id"], target: "calls", targetColumns: ["id"] };
    expect(foreignKeyBlocksSharding(fk)).toBe(true);
    expect(foreignKeyBlocksSharding({ ...fk, columns: ["organisation_id", "call_id"], targetColumns: ["organisation_id", "id"] })).toBe(
      false,
    );
    expect(foreignKeyBlocksSharding({ ...fk, columns: ["created_by"], target: "auth.users", targetColumns: ["id"] })).toBe(false);
  });
});
