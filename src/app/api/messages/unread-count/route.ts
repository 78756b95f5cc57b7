import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { countUnreadMessages } from "@/server/messages/list-messages";

/** The navigation's badge: { unread_count }. */
export const GET = withOrg(async ({ actor }) => json({ unread_count: await countUnreadMessages(actor) }));
