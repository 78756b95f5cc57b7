// Suite: what other shapes of the calls read policy cost. Each variant creates its helper and
// swaps the calls SELECT policy inside one transaction that is rolled back, so nothing it does
// survives the run and the migrations are untouched. Informational: no targets; the numbers back
// the report's "why the policies compare with the acting organisation".
import type pg from "pg";
import type { Dataset } from "../dataset";
import { actAsUser, type Identity } from "../lib/database";
import { explainAnalyze } from "../lib/explain";
import { type Executor, measureQueries } from "../lib/measure";
import { ms } from "../lib/stats";
import { callsQueries } from "./calls-queries";
import { PAGE_TARGET_MS, RLS_OVERHEAD_LIMIT } from "./calls-rls";
import type { BenchContext, Measurement, Suite, SuiteResult } from "./types";

type UserIdentity = Extract<Identity, { kind: "user" }>;

/** The recorded organisation as 20260109000000_acting_organisation trusted it (its inlined reader). */
const TRUSTED_SETTING = "organisation_id = nullif(pg_catalog.current_setting('clinicall.acting_organisation_id', true), '')::uuid";

/** The membership list as the policies read it before 20260109000000_acting_organisation. */
const MEMBERSHIP_LIST = "organisation_id = any (array(select bench_experiments.user_organisation_ids()))";

interface PolicyVariant {
  id: string;
  label: string;
  /** USING expression of the calls SELECT policy; null keeps the migrated policy. */
  using: string | null;
  what: string;
}

const VARIANTS: PolicyVariant[] = [
  {
    id: "migrated",
    label: "As migrated: the verified acting organisation",
    using: null,
    what: "`organisation_id = (select private.acting_organisation_id())`: the organisation `act_for_organisation` recorded, returned only while the caller is a member of it (one primary-key look-up in an InitPlan, once per statement); still an index equality.",
  },
  {
    id: "trusted-setting",
    label: "Trusted setting (20260109 to 20261205)",
    using: TRUSTED_SETTING,
    what: "The previous shape: the recorded setting compared as it stands, inlined into an equality; forgeable with set_config by SQL running as `authenticated`.",
  },
  {
    id: "membership-per-statement",
    label: "Membership list per statement (before 20260109)",
    using: MEMBERSHIP_LIST,
    what: "The previous shape: a security-definer SQL helper returns the caller's organisations, evaluated once per statement (an InitPlan).",
  },
  {
    id: "acting-and-membership",
    label: "Acting organisation AND membership list",
    using: `${TRUSTED_SETTING} and ${MEMBERSHIP_LIST}`,
    what: "Both: the equality gives the planner the index order, and the membership is checked again in every statement.",
  },
  {
    id: "plpgsql-membership",
    label: "Membership list per statement, PL/pgSQL helper",
    using: "organisation_id = any ((select bench_experiments.user_organisation_ids_plpgsql())::uuid[])",
    what: "The previous shape with the helper in PL/pgSQL (its plan is cached for the session) reading `sub` from the claims inline.",
  },
];

const SETUP = `
  create schema if not exists bench_experiments;
  grant usage on schema bench_experiments to authenticated;
  create or replace function bench_experiments.user_organisation_ids() returns setof uuid
  language sql stable security definer set search_path = '' as $$
    select organisation_id from public.organisation_members where user_id = (select auth.uid())
  $$;
  create or replace function bench_experiments.user_organisation_ids_plpgsql() returns uuid[]
  language plpgsql stable security definer set search_path = '' as $$
  begin
    return array(
      select organisation_id from public.organisation_members
      where user_id = (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid);
  end $$;
  revoke execute on all functions in schema bench_experiments from public, anon;
  grant execute on all functions in schema bench_experiments to authenticated;`;

/** Runs every query inside the variant's open transaction, switching role per run. */
const inOpenTransaction: Executor = async (client, spec) => {
  await client.query(spec.identity.kind === "user" ? "set local role authenticated" : "reset role");
  return explainAnalyze(client, spec.sql, spec.params ?? []);
};

async function withVariant<T>(client: pg.Client, variant: PolicyVariant, member: UserIdentity, fn: () => Promise<T>): Promise<T> {
  await client.query("begin");
  try {
    if (variant.using) {
      await client.query(SETUP); // rolled back with the rest
      const { rows } = await client.query(
        "select policyname from pg_policies where schemaname = 'public' and tablename = 'calls' and cmd in ('SELECT', 'ALL')",
      );
      for (const r of rows) await client.query(`drop policy "${String(r.policyname).replace(/"/g, '""')}" on public.calls`);
      await client.query(`create policy "bench variant" on public.calls for select to authenticated using (${variant.using})`);
    }
    await actAsUser(client, member);
    await client.query("reset role"); // each run sets the role it needs
    return await fn();
  } finally {
    await client.query("rollback");
  }
}

export const callsRlsAlternativesSuite: Suite = {
  id: "calls-rls-alternatives",
  title: "Calls: what the other policy shapes cost",
  description:
    "The same six queries under other shapes of the calls SELECT policy. Each variant replaces the " +
    "policy inside one transaction that is rolled back (the migrations and the database are left as " +
    "they were), and all queries of a variant run in that transaction, switching role per query; " +
    "so these figures compare the variants with each other, and are a little lower than the " +
    "per-request-transaction figures above. Informational: no targets.",

  async run(context: BenchContext): Promise<SuiteResult> {
    const { client, dataset } = context;
    const org = dataset.largeOrganisation.id;
    const member: UserIdentity = { kind: "user", userId: dataset.largeOrganisation.memberUserId, organisationId: org };
    const specs = callsQueries(org, member, { kind: "service" });

    const results: { variant: PolicyVariant; measurements: Measurement[] }[] = [];
    for (const variant of VARIANTS) {
      context.log(`  variant ${variant.id}`);
      const measurements = await withVariant(client, variant, member, () => measureQueries(context, specs, inOpenTransaction));
      results.push({ variant, measurements });
    }

    const med = (ms_: Measurement[], id: string) => ms_.find((m) => m.id === id)!.executionMs.median;
    const plan = (ms_: Measurement[], id: string) => ms_.find((m) => m.id === id)!.plan.path;
    const table = [
      "| Policy | Naive page | Page + filter | Service page | Page + filter / service | Naive count | Count + filter / service | Naive page plan |",
      "|---|---|---|---|---|---|---|---|",
      ...results.map(
        ({ variant, measurements: m }) =>
          `| ${variant.label} | ${ms(med(m, "rls-page-naive"))} ms | ${ms(med(m, "rls-page-explicit"))} ms | ${ms(med(m, "service-page"))} ms | ` +
          `${(med(m, "rls-page-explicit") / med(m, "service-page")).toFixed(2)}x | ${ms(med(m, "rls-count-naive"))} ms | ` +
          `${(med(m, "rls-count-explicit") / med(m, "service-count")).toFixed(2)}x | ${plan(m, "rls-page-naive")} |`,
      ),
      "",
      "Medians over the same runs as above. The variants:",
      "",
      ...results.map(({ variant }) => `- **${variant.label}**: ${variant.what}${variant.using ? ` \`USING (${variant.using})\`` : ""}`),
    ].join("\n");

    return {
      measurements: [],
      targets: [],
      checks: [],
      notes: [],
      sections: [
        { title: "Policy variants", markdown: table },
        { title: "Why the policies compare with the acting organisation", markdown: advice(results, dataset) },
      ],
      data: results.map(({ variant, measurements }) => ({
        variant: variant.id,
        using: variant.using,
        measurements: measurements.map(({ rawPlan: _raw, ...rest }) => rest),
      })),
    };
  },
};

/** Why the migrated shape, written from this run's numbers so that it stays true when the bench is re-run. */
function advice(results: { variant: PolicyVariant; measurements: Measurement[] }[], dataset: Dataset): string {
  const orgCalls = dataset.largeOrganisation.calls;
  const get = (variant: string, id: string) => results.find((r) => r.variant.id === variant)!.measurements.find((m) => m.id === id)!;
  const med = (variant: string, id: string) => get(variant, id).executionMs.median;
  const ratio = (variant: string) => med(variant, "rls-page-explicit") / med(variant, "service-page");
  const within = (variant: string) => (ratio(variant) <= RLS_OVERHEAD_LIMIT ? "within" : "over");
  const naiveOk = (variant: string) => med(variant, "rls-page-naive") < PAGE_TARGET_MS;
  return [
    `Two targets decide the shape: a page that relies on the policy alone under ${PAGE_TARGET_MS} ms, and RLS at ` +
      `most ${RLS_OVERHEAD_LIMIT}x the service path for the same filtered page.`,
    "",
    `- **Membership list per statement** (the shape before 20260109): the planner gets \`organisation_id = ` +
      `ANY($initplan)\`, which Postgres 15 cannot turn into "walk this organisation's index range newest first", so ` +
      `the naive page collects all ${orgCalls.toLocaleString("en")} of the clinic's calls and sorts them ` +
      `(${ms(med("membership-per-statement", "rls-page-naive"))} ms, \`${get("membership-per-statement", "rls-page-naive").plan.path}\`). ` +
      `With the filter the plan is right, but the helper's InitPlan costs a fixed ` +
      `${ms(med("membership-per-statement", "rls-page-explicit") - med("membership-per-statement", "service-page"))} ms ` +
      `per statement: ${ratio("membership-per-statement").toFixed(2)}x, ${within("membership-per-statement")} the target.`,
    `- **PL/pgSQL helper**: the same look-up with a cached plan: ${ratio("plpgsql-membership").toFixed(2)}x ` +
      `(${within("plpgsql-membership")} the target), and the naive page still sorts ` +
      `(${ms(med("plpgsql-membership", "rls-page-naive"))} ms).`,
    `- **Trusted setting AND membership list**: the equality fixes the naive page ` +
      `(${ms(med("acting-and-membership", "rls-page-naive"))} ms${naiveOk("acting-and-membership") ? "" : ", still over the target"}), ` +
      `but the per-statement look-up of every membership stays: ${ratio("acting-and-membership").toFixed(2)}x.`,
    `- **Trusted setting** (20260109 to 20261205): the naive page ${ms(med("trusted-setting", "rls-page-naive"))} ms, the ` +
      `filtered page ${ratio("trusted-setting").toFixed(2)}x the service path; but SQL running as \`authenticated\` could ` +
      `set the organisation with set_config and read another clinic's rows.`,
    `- **As migrated, the verified acting organisation**: the naive page ${ms(med("migrated", "rls-page-naive"))} ms ` +
      `(\`${get("migrated", "rls-page-naive").plan.path}\`), the filtered page ${ratio("migrated").toFixed(2)}x the ` +
      `service path (${within("migrated")} the ratio; ${ms(Math.max(0, med("migrated", "rls-page-explicit") - med("migrated", "service-page")))} ms added ` +
      `per statement against ${ms(Math.max(0, med("trusted-setting", "rls-page-explicit") - med("trusted-setting", "service-page")))} ms for the ` +
      `trusted setting): one primary-key look-up of the caller's membership in the recorded organisation per ` +
      `statement buys a boundary that forged settings cannot cross (docs/decisions/005-verified-acting-organisation.md).`,
    "",
    `What it costs: a request sees one organisation, the one it acts for (which is how the dashboard already works: ` +
      `\`withOrg\` resolves it), and one membership look-up per statement. What stays trusted is \`request.jwt.claims\`: ` +
      `SQL that sets another user's id there acts as that user, as on Supabase, where the gateway that verified the ` +
      `JWT sets the claims.`,
  ].join("\n");
}
