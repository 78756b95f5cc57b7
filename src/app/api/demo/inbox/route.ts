import { listDemoInbox } from "@/server/email/list-demo-inbox";
import { withUser } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withUser(async () => json(await listDemoInbox()));
