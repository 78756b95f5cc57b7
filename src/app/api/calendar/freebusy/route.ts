import { getFreeBusy } from "@/server/calendar/get-free-busy";
import { FreeBusyQuery, queryOf } from "@/server/calendar/schemas";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ req, actor }) => {
  const range = FreeBusyQuery.parse(queryOf(req));
  return json(await getFreeBusy(actor, range, new Date()));
});
