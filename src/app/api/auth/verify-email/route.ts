import { confirmEmail } from "@/server/account-safety/confirm-email";
import { VerifyEmailInput } from "@/server/account-safety/schemas";
import { getCurrentUserAndOrg } from "@/server/auth/current-user";
import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withPublic(async ({ req, sessionToken }) => {
  const input = VerifyEmailInput.parse(await readJson(req));
  const current = await getCurrentUserAndOrg(sessionToken);
  return json(await confirmEmail(input.token, current?.user.id ?? null));
});
