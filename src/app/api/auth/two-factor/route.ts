import { completeTwoFactorSignIn } from "@/server/account-safety/complete-two-factor-sign-in";
import { TwoFactorSignInInput } from "@/server/account-safety/schemas";
import { sessionClientOf } from "@/server/account-safety/session-client";
import { setSessionCookie } from "@/server/auth/cookies";
import { clientAddressOf } from "@/server/http/client-address";
import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withPublic(async ({ req }) => {
  const input = TwoFactorSignInInput.parse(await readJson(req));
  const address = clientAddressOf(req);
  const { token, userId } = await completeTwoFactorSignIn(input, address, sessionClientOf(req, address));
  return setSessionCookie(json({ user: { id: userId } }), token);
});
