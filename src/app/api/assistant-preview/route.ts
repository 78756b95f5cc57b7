import { previewAssistant } from "@/server/calls/preview-assistant";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ user, org }) => json(await previewAssistant(user.id, org.id)));
