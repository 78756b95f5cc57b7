import { saveNotificationChoices } from "@/server/account-safety/notification-choices";
import { NotificationChoicesInput } from "@/server/account-safety/schemas";
import { readJson, withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const PUT = withUser(async ({ req, user }) => {
  const input = NotificationChoicesInput.parse(await readJson(req));
  return json(await saveNotificationChoices(user.id, input.email_notifications));
});
