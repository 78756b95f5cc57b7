import { sql } from "drizzle-orm";
import { csvRow } from "@/server/call-logs/csv";
import type { Db } from "@/server/db/access";
import { writeZip, type ZipEntry } from "./zip";

/**
 * Tables of the clinic the export leaves out, and why. Every other table of `public` with an
 * organisation_id is exported whole (found in the catalog, so a table added later is included);
 * tests/privacy/data-export.integration.test.ts checks the two lists cover the catalog.
 */
export const EXPORT_EXCLUDED_TABLES: Record<string, string> = {
  data_exports: "the exports themselves (each holds a previous zip)",
  oauth_states: "single-use Google sign-in states that live for minutes",
};

/** Secrets never leave the database, even to an owner: encrypted tokens, hashes, two-factor secrets. */
const SECRET_COLUMN = /ciphertext|_hash$|secret|token/;

export interface ExportFacts {
  organisationId: string;
  exportId: string;
  at: Date;
}

/**
 * Service path, read-only: a zip of the organisation's data, one JSON and one CSV file per table
 * (`<table>.json`, `<table>.csv`), plus `organisation.*`, `members.*` (with each member's email and
 * name) and `README.txt`. Only rows whose organisation_id is this organisation's; nothing else.
 */
export async function buildOrganisationExport(tx: Db, facts: ExportFacts): Promise<{ zip: Buffer; tables: string[] }> {
  const { organisationId } = facts;
  const { rows: tableRows } = await tx.execute(sql`
    select c.relname as name,
      array(select a.attname::text from pg_attribute a
            where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped)
    order by c.relname`);
  const entries: ZipEntry[] = [];
  const exported: string[] = [];
  const add = (name: string, rows: Record<string, unknown>[]) => {
    entries.push({ name: `${name}.json`, data: `${JSON.stringify(rows, null, 2)}\n` });
    entries.push({ name: `${name}.csv`, data: toCsv(rows) });
  };

  const organisation = await jsonRows(
    tx,
    sql`select to_jsonb(o) - 'erasure_requested_by' as row from public.organisations o where o.id = ${organisationId}::uuid`,
  );
  add("organisation", organisation);
  const members = await jsonRows(
    tx,
    sql`select jsonb_build_object('user_id', m.user_id, 'email', u.email, 'full_name', p.full_name, 'role', m.role,
                                  'joined_at', m.created_at) as row
        from public.organisation_members m
        join auth.users u on u.id = m.user_id
        left join public.profiles p on p.id = m.user_id
        where m.organisation_id = ${organisationId}::uuid
        order by m.created_at, m.user_id`,
  );
  add("members", members);

  for (const table of tableRows) {
    const name = String(table.name);
    if (name in EXPORT_EXCLUDED_TABLES) continue;
    const columns = parseColumns(table.columns);
    const secret = columns.filter((column) => SECRET_COLUMN.test(column));
    const minus = secret.map((column) => sql` - ${column}::text`);
    const order = columns.includes("created_at") ? sql.raw("t.created_at, ") : sql.raw("");
    const rows = await jsonRows(
      tx,
      sql`select to_jsonb(t)${sql.join(minus, sql.raw(""))} as row from ${sql.identifier("public")}.${sql.identifier(name)} t
          where t.organisation_id = ${organisationId}::uuid order by ${order}t.ctid`,
    );
    add(name, rows);
    exported.push(name);
  }

  entries.unshift({
    name: "README.txt",
    data: [
      "Clinicall data export",
      `Organisation: ${organisationId}`,
      `Export: ${facts.exportId}`,
      `Made at: ${facts.at.toISOString()}`,
      "",
      "One JSON file (an array of rows) and one CSV file per table. Times are UTC (ISO 8601).",
      "organisation.* is the clinic itself; members.* its team with their email addresses;",
      "every other file is the table of the same name, only this clinic's rows.",
      "Secrets (encrypted calendar tokens, link hashes) are never exported.",
      `Tables: ${["organisation", "members", ...exported].join(", ")}`,
      "",
    ].join("\n"),
  });
  return { zip: writeZip(entries, facts.at), tables: exported };
}

async function jsonRows(tx: Db, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  const { rows } = await tx.execute(query);
  return rows.map((r) => {
    const value = r.row;
    return (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>;
  });
}

function parseColumns(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  // Some drivers return a Postgres array literal: {a,b,c}
  return String(value ?? "")
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean);
}

/** One header row (the union of the rows' keys, in first-seen order), then one line per row. */
function toCsv(rows: Record<string, unknown>[]): string {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        header.push(key);
      }
    }
  }
  if (header.length === 0) return "";
  const cell = (value: unknown) => (value !== null && typeof value === "object" ? JSON.stringify(value) : value);
  return [csvRow(header), ...rows.map((row) => csvRow(header.map((key) => cell(row[key]))))].join("");
}
