import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { createIntent } from "@/server/intents/create-intent";
import { listIntents } from "@/server/intents/list-intents";
import { CreateIntentInput } from "@/shared/schemas/intents";

export const GET = withOrg(async ({ actor }) => json(await listIntents(actor)));

export const POST = withOrg(
  async ({ req, actor }) => {
    const input = CreateIntentInput.parse(await readJson(req));
    return json(await createIntent(actor, input), 201);
  },
  { role: "admin" },
);
