import { TwoFactorDisableInput } from "@/server/account-safety/schemas";
import { disableTwoFactor } from "@/server/account-safety/two-factor-enrolment";
import { readJson, withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withUser(async ({ req, user, current }) => {
  const input = TwoFactorDisableInput.parse(await readJson(req));
  const requiredBy = current.organisations.find((o) => o.requireTwoFactor)?.name ?? null;
  return json(await disableTwoFactor(user, input.password, requiredBy));
});
