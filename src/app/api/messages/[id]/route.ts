import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { getMessage } from "@/server/messages/get-message";
import { messageNotFound } from "@/server/messages/message-json";
import { UpdateMessageInput } from "@/server/messages/schemas";
import { updateMessage } from "@/server/messages/update-messages";
import { Uuid } from "@/server/organisations/schemas";

function messageId(params: Record<string, string>): string {
  const parsed = Uuid.safeParse(params.id);
  if (!parsed.success) throw messageNotFound();
  return parsed.data;
}

export const GET = withOrg(async ({ params, actor }) => json(await getMessage(actor, messageId(params))));

export const PATCH = withOrg(async ({ req, params, actor }) => {
  const id = messageId(params);
  const input = UpdateMessageInput.parse(await readJson(req));
  await updateMessage(actor, id, input);
  return json(await getMessage(actor, id));
});
