import { queryObject } from "@/server/call-logs/schemas";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { listPatients } from "@/server/patients/list-patients";
import { PatientsQuery } from "@/server/patients/schemas";

export const GET = withOrg(async ({ req, actor }) => {
  const query = PatientsQuery.parse(queryObject(req.nextUrl));
  return json(await listPatients(actor, query));
});
