import { requestPasswordReset } from "@/server/account-safety/request-password-reset";
import { PasswordResetInput } from "@/server/account-safety/schemas";
import { clientAddressOf } from "@/server/http/client-address";
import { readJson, withPublic } from "@/server/http/handler";
import { json } from "@/server/http/json";

// Always 202 with the same body: whether the address has an account is never said.
export const POST = withPublic(async ({ req }) => {
  const input = PasswordResetInput.parse(await readJson(req));
  await requestPasswordReset(input.email, clientAddressOf(req));
  return json({ ok: true, message: "If an account uses this address, a reset link is on its way. It works for one hour." }, 202);
});
