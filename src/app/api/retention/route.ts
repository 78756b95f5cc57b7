import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { RetentionInput } from "@/server/privacy/retention-schemas";
import { getRetention, updateRetention } from "@/server/privacy/retention-settings";

/** How long the clinic keeps recordings, transcripts and messages, call records and its audit log. */
export const GET = withOrg(async ({ actor }) => json(await getRetention(actor)));

export const PUT = withOrg(
  async ({ req, actor }) => {
    const input = RetentionInput.parse(await readJson(req));
    return json(await updateRetention(actor, input));
  },
  { role: "owner" },
);
