import { accountOverview } from "@/server/account-safety/account-overview";
import { withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withUser(async ({ current }) => json(await accountOverview(current)));
