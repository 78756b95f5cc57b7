import { revokeOtherSessions } from "@/server/account-safety/revoke-sessions";
import { withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const POST = withUser(async ({ user, current }) => json(await revokeOtherSessions(user.id, current.session.id)));
