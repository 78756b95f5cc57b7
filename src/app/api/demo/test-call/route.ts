import { DemoCallInput, placeDemoCall } from "@/server/demo/place-demo-call";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withOrg(async ({ req, actor }) => {
  const input = DemoCallInput.parse((await readJson(req)) ?? {});
  return json(await placeDemoCall(actor, input), 201);
});
