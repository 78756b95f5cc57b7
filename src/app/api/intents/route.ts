import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { createIntent } from "@/server/intents/create-intent";
import { listIntents } from "@/server/intents/list-intents";
import { CreateIntentInput } from "@/server/intents/schemas";

export const GET = withOrg(async ({ user, org }) => json(await listIntents(user.id, org.id)));

export const POST = withOrg(
  async ({ req, user, org }) => {
    const input = CreateIntentInput.parse(await readJson(req));
    return json(await createIntent(user.id, org.id, input), 201);
  },
  { role: "admin" },
);
