import { callLogId } from "@/server/call-logs/call-log-id";
import { getCallLog } from "@/server/call-logs/get-call-log";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { requestLocale } from "@/server/http/request-locale";

export const GET = withOrg(async (ctx) => json(await getCallLog(ctx.actor, callLogId(ctx.params), requestLocale(ctx))));
