import { requestEmailChange } from "@/server/account-safety/request-email-change";
import { ChangeEmailInput } from "@/server/account-safety/schemas";
import { clientAddressOf } from "@/server/http/client-address";
import { readJson, withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withUser(async ({ req, user }) => {
  const input = ChangeEmailInput.parse(await readJson(req));
  return json(await requestEmailChange({ userId: user.id, email: user.email }, input, clientAddressOf(req)), 202);
});
