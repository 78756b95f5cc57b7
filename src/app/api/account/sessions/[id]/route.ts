import { z } from "zod";
import { revokeOwnSession } from "@/server/account-safety/revoke-sessions";
import { DomainError } from "@/server/errors";
import { withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const DELETE = withUser(async ({ params, user }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw new DomainError("not_found", "That session is not one of yours, or it has already ended.");
  await revokeOwnSession(user.id, id.data);
  return json({ ok: true });
});
