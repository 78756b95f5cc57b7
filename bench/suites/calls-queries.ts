// The dashboard's calls queries, shared by the calls suites.
import type { Identity } from "../lib/database";
import type { QuerySpec } from "../lib/measure";

const COLUMNS = "id, created_at, status, from_number, ended_reason, duration_seconds, summary";
const NEWEST = "order by created_at desc, id desc limit 25";
const LAST_30_DAYS = "created_at >= now() - interval '30 days'";

export const PAGE_QUERY_IDS = ["rls-page-naive", "rls-page-explicit", "service-page"] as const;

/** Newest page and 30-day count: as the member (RLS) with and without the filter, and as service. */
export function callsQueries(organisationId: string, member: Identity, service: Identity): QuerySpec[] {
  return [
    {
      id: "rls-page-naive",
      label: "Newest 25, RLS only (no filter)",
      identity: member,
      sql: `select ${COLUMNS} from public.calls ${NEWEST}`,
    },
    {
      id: "rls-page-explicit",
      label: "Newest 25, RLS + organisation_id = $1",
      identity: member,
      sql: `select ${COLUMNS} from public.calls where organisation_id = $1 ${NEWEST}`,
      params: [organisationId],
    },
    {
      id: "service-page",
      label: "Newest 25, service + organisation_id = $1",
      identity: service,
      sql: `select ${COLUMNS} from public.calls where organisation_id = $1 ${NEWEST}`,
      params: [organisationId],
    },
    {
      id: "rls-count-naive",
      label: "30-day count, RLS only (no filter)",
      identity: member,
      sql: `select count(*) from public.calls where ${LAST_30_DAYS}`,
    },
    {
      id: "rls-count-explicit",
      label: "30-day count, RLS + organisation_id = $1",
      identity: member,
      sql: `select count(*) from public.calls where organisation_id = $1 and ${LAST_30_DAYS}`,
      params: [organisationId],
    },
    {
      id: "service-count",
      label: "30-day count, service + organisation_id = $1",
      identity: service,
      sql: `select count(*) from public.calls where organisation_id = $1 and ${LAST_30_DAYS}`,
      params: [organisationId],
    },
  ];
}
