import { completeSignUp } from "@/server/accounts/complete-sign-up";
import { CompleteSignUpInput } from "@/server/accounts/schemas";
import { readJson, withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withUser(async ({ req, current }) => {
  const input = CompleteSignUpInput.parse(await readJson(req));
  const organisation = await completeSignUp(current, input.organisation_name, input.additional ?? false, input.timezone);
  return json({ organisation }, 201);
});
