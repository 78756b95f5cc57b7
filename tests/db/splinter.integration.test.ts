import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/connection";
import { withRollback } from "../helpers/factories";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

/**
 * Supabase's database linter (splinter) against the migrated schema, its lint views vendored
 * unchanged in tests/db/splinter/lints (source, commit and licence in tests/db/splinter/README.md).
 * Each finding is `<lint>: <schema>.<object>`; the schema must be clean but for the findings listed
 * below, each with the reason it is by design. A new finding fails, and so does a listed one that
 * no longer occurs (the list only shrinks to what is true).
 */

const lintsDirectory = join(__dirname, "splinter", "lints");
const lintFiles = readdirSync(lintsDirectory)
  .filter((file) => file.endsWith(".sql"))
  .sort();

/** The schemas PostgREST would expose on Supabase (its defaults); lints 0002, 0010, 0013... read them. */
const exposedSchemas = "public, graphql_public";

const explainedFindings: Record<string, string> = {
  "rls_enabled_no_policy: public.account_security":
    "a person's verified address, sealed two-factor secret and email choices: read and written on the auth pool only; no signed-in query may see them",
  "rls_enabled_no_policy: public.account_tokens": "hashes of reset and verification links and sign-in challenges: the auth pool only",
  "rls_enabled_no_policy: public.recovery_codes": "hashes of two-factor recovery codes: the auth pool only",
  "rls_enabled_no_policy: public.login_throttle_buckets":
    "only the log-in path reads and writes it (auth pool, the schema owner's login); RLS with no policy denies anon and authenticated everything, as intended",
  "rls_enabled_no_policy: public.oauth_states":
    "written and consumed by the OAuth start and callback on the service path only; no signed-in query may see another click's state",
  "rls_enabled_no_policy: public.stripe_events":
    "the Stripe webhook's event ledger, written on the service path only; people read their billing state from subscriptions, never the raw events",
  "rls_enabled_no_policy: private.user_job_types":
    "the job types a signed-in transaction may enqueue: read only by private.enqueue_job (owner's rights) and written by the job runner at start; no signed-in query reads it",
  "rls_enabled_no_policy: private.provider_deletions":
    "requests to delete providers' copies (provider ids only): written by triggers and read by the privacy.provider-deletions job, both with the owner's rights; no signed-in query reads them",
  "rls_enabled_no_policy: private.sent_emails":
    "the email.send job's sent marks (job ids only): read and written by that job and forgotten by the nightly token cleanup, on the service path; no signed-in query reads them",
  "rls_enabled_no_policy: public.user_sessions":
    "sessions are created, looked up and revoked on the auth pool only (token hashes); no signed-in query reads them",
  "function_search_path_mutable: public.call_outcome":
    "a pure CASE over its two arguments that reads no table; a SET search_path clause would stop the planner inlining it into the analytics aggregates (one function call per row). Built-in operators resolve in pg_catalog first",
  "authenticated_security_definer_function_executable: public.act_for_organisation":
    "the one way a signed-in request chooses its organisation; it checks membership (42501 otherwise) and records only the organisation",
  "authenticated_security_definer_function_executable: public.organisation_members_with_email":
    "returns the members of the verified acting organisation only (private.acting_organisation_id()), to join auth.users' emails",
  "authenticated_security_definer_function_executable: public.erase_patient":
    "erases one patient of the verified acting organisation, for its admins only (private.acting_admin_organisation_id()); definer to blank calls, which authenticated cannot write",
  "authenticated_security_definer_function_executable: public.request_organisation_erasure":
    "owners schedule their clinic's erasure: it checks the verified acting owner and the typed name, and sets only the erasure columns a trigger keeps from direct updates (decision 022)",
  "authenticated_security_definer_function_executable: public.cancel_organisation_erasure":
    "owners undo a pending erasure of the organisation they verifiably act for as owner; nothing else (decision 022)",
  "authenticated_security_definer_function_executable: public.search_call_ids":
    "searches calls of the verified acting organisation only; definer to use the trigram index without exposing other tenants",
  "authenticated_security_definer_function_executable: public.user_organisation_ids":
    "the organisations of auth.uid(), for operators' own queries (executable by authenticated only)",
};

async function splinterFindings(tx: Db): Promise<string[]> {
  await tx.execute(sql`select set_config('pgrst.db_schemas', ${exposedSchemas}, true)`);
  await tx.execute(sql`create schema lint`);
  for (const file of lintFiles) await tx.execute(sql.raw(readFileSync(join(lintsDirectory, file), "utf8")));
  const union = lintFiles
    .map((file) => `select name, metadata->>'schema' as schema, metadata->>'name' as object from lint."${file.replace(/\.sql$/, "")}"`)
    .join("\nunion all\n");
  const result = await tx.execute(sql.raw(`select name || ': ' || schema || '.' || object as finding from (${union}) f order by 1`));
  return result.rows.map((row) => String(row.finding));
}

describe("Supabase database linter (splinter)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it("vendors the lints it runs", () => {
    expect(lintFiles.length).toBeGreaterThanOrEqual(25);
  });

  it("finds nothing in the migrated schema but the findings explained as by design", async () => {
    const findings = await withRollback(database.db, splinterFindings);
    expect(findings.filter((finding) => !(finding in explainedFindings))).toEqual([]);
    expect(Object.keys(explainedFindings).filter((finding) => !findings.includes(finding))).toEqual([]);
  });

  // The linter must be able to fail here: break a few of its rules and check it names each.
  it("names deliberately broken objects", async () => {
    const findings = await withRollback(database.db, async (tx) => {
      await tx.execute(sql`create table public.splinter_probe (id int primary key, user_id uuid references auth.users (id))`);
      await tx.execute(sql`grant select on public.splinter_probe to authenticated`);
      await tx.execute(sql`create index splinter_probe_a_idx on public.splinter_probe (id, user_id)`);
      await tx.execute(sql`create index splinter_probe_b_idx on public.splinter_probe (id, user_id)`);
      await tx.execute(sql`create table public.splinter_no_key (note text)`);
      await tx.execute(sql`alter table public.splinter_no_key enable row level security`);
      await tx.execute(sql`create policy "Own" on public.splinter_no_key for select to authenticated using (note = auth.uid()::text)`);
      await tx.execute(sql`create view public.splinter_users as select id from auth.users`);
      await tx.execute(sql`grant select on public.splinter_users to authenticated`);
      await tx.execute(sql.raw(`create function public.splinter_mutable() returns int language sql as 'select 1'`));
      return splinterFindings(tx);
    });
    expect(findings).toEqual(
      expect.arrayContaining([
        "rls_disabled_in_public: public.splinter_probe",
        "unindexed_foreign_keys: public.splinter_probe",
        "duplicate_index: public.splinter_probe",
        "no_primary_key: public.splinter_no_key",
        "auth_rls_initplan: public.splinter_no_key",
        "security_definer_view: public.splinter_users",
        "auth_users_exposed: public.splinter_users",
        "function_search_path_mutable: public.splinter_mutable",
      ]),
    );
  });
});
