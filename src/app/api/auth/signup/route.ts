import { SignUpInput } from "@/server/accounts/schemas";
import { signUp } from "@/server/accounts/sign-up";
import { setSessionCookie } from "@/server/auth/cookies";
import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withPublic(async ({ req }) => {
  const input = SignUpInput.parse(await readJson(req));
  const { user, organisation, token } = await signUp(input);
  return setSessionCookie(json({ user, organisation }, 201), token);
});
