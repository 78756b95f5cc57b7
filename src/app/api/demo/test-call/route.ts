import { DemoCallInput, placeDemoCall } from "@/server/demo/place-demo-call";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withOrg(async ({ req, user, org }) => {
  const input = DemoCallInput.parse((await readJson(req)) ?? {});
  return json(await placeDemoCall(user.id, org.id, input), 201);
});
