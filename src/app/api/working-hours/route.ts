import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { getWorkingHours } from "@/server/working-hours/get-working-hours";
import { replaceWorkingHours } from "@/server/working-hours/replace-working-hours";
import { WorkingHoursInput } from "@/server/working-hours/schemas";

export const GET = withOrg(async ({ user, org }) => json(await getWorkingHours(user.id, org.id)));

export const PUT = withOrg(
  async ({ req, user, org }) => {
    const input = WorkingHoursInput.parse(await readJson(req));
    return json(await replaceWorkingHours(user.id, org.id, input));
  },
  { role: "admin" },
);
