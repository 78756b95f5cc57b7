import { checkPasswordResetLink } from "@/server/account-safety/check-password-reset-link";
import { PasswordResetCheckInput } from "@/server/account-safety/schemas";
import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";

// A POST, not a GET: the token travels in the body, never in a URL or an access log.
export const POST = withPublic(async ({ req }) => {
  const input = PasswordResetCheckInput.parse(await readJson(req));
  await checkPasswordResetLink(input.token);
  return json({ ok: true });
});
