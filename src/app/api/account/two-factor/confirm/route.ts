import { TwoFactorConfirmInput } from "@/server/account-safety/schemas";
import { confirmTwoFactorEnrolment } from "@/server/account-safety/two-factor-enrolment";
import { readJson, withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withUser(async ({ req, user }) => {
  const input = TwoFactorConfirmInput.parse(await readJson(req));
  return json(await confirmTwoFactorEnrolment(user, input.code));
});
