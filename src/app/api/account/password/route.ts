import { changePassword } from "@/server/account-safety/change-password";
import { ChangePasswordInput } from "@/server/account-safety/schemas";
import { clientAddressOf } from "@/server/http/client-address";
import { readJson, withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withUser(async ({ req, user, current }) => {
  const input = ChangePasswordInput.parse(await readJson(req));
  return json(await changePassword({ userId: user.id, email: user.email, sessionId: current.session.id }, input, clientAddressOf(req)));
});
