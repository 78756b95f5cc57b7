import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { listMessages } from "@/server/messages/list-messages";
import { MessagesQuery, queryObject, UpdateMessagesInput } from "@/server/messages/schemas";
import { updateMessages } from "@/server/messages/update-messages";

export const GET = withOrg(async ({ req, actor }) => {
  const query = MessagesQuery.parse(queryObject(req.nextUrl));
  return json(await listMessages(actor, query));
});

/** The same change to several messages; answers the ids that changed (another clinic's never do). */
export const PATCH = withOrg(async ({ req, actor }) => {
  const { ids, ...changes } = UpdateMessagesInput.parse(await readJson(req));
  return json({ updated: await updateMessages(actor, [...new Set(ids)], changes) });
});
