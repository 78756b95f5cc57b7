import { sessionClientOf } from "@/server/account-safety/session-client";
import { SignUpInput } from "@/server/accounts/schemas";
import { signUp } from "@/server/accounts/sign-up";
import { setSessionCookie } from "@/server/auth/cookies";
import { clientAddressOf } from "@/server/http/client-address";
import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withPublic(async ({ req }) => {
  const input = SignUpInput.parse(await readJson(req));
  const { user, organisation, token, verificationLink } = await signUp(input, sessionClientOf(req, clientAddressOf(req)));
  // verification_link only when email is off: the person confirms on screen instead.
  return setSessionCookie(json({ user, organisation, verification_link: verificationLink }, 201), token);
});
