import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { placeTestCall, TestCallInput } from "@/server/test-calls/place-test-call";

export const POST = withOrg(async ({ req, actor }) => {
  const input = TestCallInput.parse((await readJson(req)) ?? {});
  return json(await placeTestCall(actor, input), 201);
});
