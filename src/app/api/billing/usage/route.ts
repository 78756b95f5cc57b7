import { getBillingUsage, UsageQuery } from "@/server/billing/get-usage";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

/** Billable call minutes per day (?from=YYYY-MM-DD&to=YYYY-MM-DD, the clinic's days; at most 366). */
export const GET = withOrg(async ({ req, actor }) => {
  const params = new URL(req.url).searchParams;
  const query = UsageQuery.parse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
  return json(await getBillingUsage(actor, query));
});
