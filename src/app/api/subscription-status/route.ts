import { getSubscriptionStatus } from "@/server/analytics/get-subscription-status";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ actor }) => json(await getSubscriptionStatus(actor)));
