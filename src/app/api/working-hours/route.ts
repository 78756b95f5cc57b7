import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { getWorkingHours } from "@/server/working-hours/get-working-hours";
import { replaceWorkingHours } from "@/server/working-hours/replace-working-hours";
import { WorkingHoursInput } from "@/shared/schemas/working-hours";

export const GET = withOrg(async ({ actor }) => json(await getWorkingHours(actor)));

export const PUT = withOrg(
  async ({ req, actor }) => {
    const input = WorkingHoursInput.parse(await readJson(req));
    return json(await replaceWorkingHours(actor, input));
  },
  { role: "admin" },
);
