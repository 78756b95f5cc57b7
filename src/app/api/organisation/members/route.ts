import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { listMembers } from "@/server/members/list-members";

export const GET = withOrg(async ({ actor }) => json(await listMembers(actor)));
