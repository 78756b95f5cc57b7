import { logIn } from "@/server/accounts/log-in";
import { LogInInput } from "@/server/accounts/schemas";
import { setSessionCookie } from "@/server/auth/cookies";
import { clientAddressOf } from "@/server/http/client-address";
import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withPublic(async ({ req }) => {
  const input = LogInInput.parse(await readJson(req));
  const { token, userId } = await logIn(input.email, input.password, clientAddressOf(req));
  return setSessionCookie(json({ user: { id: userId, email: input.email } }), token);
});
