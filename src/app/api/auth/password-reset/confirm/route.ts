import { confirmPasswordReset } from "@/server/account-safety/confirm-password-reset";
import { PasswordResetConfirmInput } from "@/server/account-safety/schemas";
import { getCurrentUserAndOrg } from "@/server/auth/current-user";
import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withPublic(async ({ req, sessionToken }) => {
  const input = PasswordResetConfirmInput.parse(await readJson(req));
  const current = await getCurrentUserAndOrg(sessionToken);
  await confirmPasswordReset(input, current ? { userId: current.user.id, sessionId: current.session.id } : null);
  return json({ ok: true });
});
