import { previewAssistant } from "@/server/calls/preview-assistant";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ actor }) => json(await previewAssistant(actor)));
