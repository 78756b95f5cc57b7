import { userScope } from "@/server/calendar/db-scope";
import { getFreeBusy } from "@/server/calendar/get-free-busy";
import { FreeBusyQuery, queryOf } from "@/server/calendar/schemas";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ req, user, org }) => {
  const range = FreeBusyQuery.parse(queryOf(req));
  return json(await getFreeBusy(userScope({ userId: user.id, organisationId: org.id }), org.id, range, new Date()));
});
