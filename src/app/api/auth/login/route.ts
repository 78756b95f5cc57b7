import { sessionClientOf } from "@/server/account-safety/session-client";
import { logIn } from "@/server/accounts/log-in";
import { LogInInput } from "@/server/accounts/schemas";
import { setSessionCookie } from "@/server/auth/cookies";
import { clientAddressOf } from "@/server/http/client-address";
import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withPublic(async ({ req }) => {
  const input = LogInInput.parse(await readJson(req));
  const address = clientAddressOf(req);
  const result = await logIn(input.email, input.password, address, undefined, sessionClientOf(req, address));
  // Two-factor sign-in on: no session yet; the code step (POST /api/auth/two-factor) opens it.
  if (result.challenge !== undefined) return json({ two_factor_required: true, challenge: result.challenge });
  return setSessionCookie(json({ user: { id: result.userId, email: input.email } }), result.token);
});
