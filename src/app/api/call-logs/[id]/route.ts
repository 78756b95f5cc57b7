import { callLogId } from "@/server/call-logs/call-log-id";
import { getCallLog } from "@/server/call-logs/get-call-log";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ params, actor }) => json(await getCallLog(actor, callLogId(params))));
