import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { reorderIntents } from "@/server/intents/reorder-intents";
import { ReorderIntentsInput } from "@/shared/schemas/intents";

export const PUT = withOrg(
  async ({ req, actor }) => {
    const input = ReorderIntentsInput.parse(await readJson(req));
    return json(await reorderIntents(actor, input.ids));
  },
  { role: "admin" },
);
