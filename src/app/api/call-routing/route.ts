import { getCallRouting } from "@/server/call-routing/get-call-routing";
import { saveCallRouting } from "@/server/call-routing/save-call-routing";
import { CallRoutingInput } from "@/server/call-routing/schemas";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ actor }) => json(await getCallRouting(actor)));

export const PUT = withOrg(
  async ({ req, actor }) => {
    const input = CallRoutingInput.parse(await readJson(req));
    return json(await saveCallRouting(actor, input));
  },
  { role: "admin" },
);
