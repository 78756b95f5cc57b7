import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { getOpeningStatus } from "@/server/working-hours/get-opening-status";
import { StatusQuery } from "@/shared/schemas/working-hours";

export const GET = withOrg(async ({ req, actor }) => {
  const query = StatusQuery.parse({ at: req.nextUrl.searchParams.get("at") ?? undefined });
  return json(await getOpeningStatus(actor, query.at ? new Date(query.at) : new Date()));
});
