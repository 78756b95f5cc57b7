import { listSessions } from "@/server/account-safety/list-sessions";
import { withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withUser(async ({ user, current }) => json(await listSessions(user.id, current.session.id)));
