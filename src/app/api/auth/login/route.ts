import { sessionClientOf } from "@/server/account-safety/session-client";
import { logIn } from "@/server/accounts/log-in";
import { LogInInput } from "@/server/accounts/schemas";
import { setSessionCookie } from "@/server/auth/cookies";
import { refuseLogInWhenFull } from "@/server/auth/hashing-slots";
import { clientAddressOf } from "@/server/http/client-address";
import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withPublic(async ({ req }) => {
  refuseLogInWhenFull(); // a flood's refusals cost no body read (logIn checks again when it starts)
  const input = LogInInput.parse(await readJson(req));
  const address = clientAddressOf(req);
  const result = await logIn(input.email, input.password, address, undefined, sessionClientOf(req, address));
  // Two-factor sign-in on: no session yet; the code step (POST /api/auth/two-factor) opens it.
  if (result.challenge !== undefined) return json({ two_factor_required: true, challenge: result.challenge });
  // A clinic of theirs requires two-factor and they have none: the log-in page sends them to enrol.
  const body = { user: { id: result.userId, email: input.email }, two_factor_enrolment_required: result.enrolTwoFactor };
  return setSessionCookie(json(body), result.token);
});
