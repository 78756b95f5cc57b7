import { streamCallRecording } from "@/server/call-logs/stream-call-recording";
import { withOrg } from "@/server/http/handler";
import { callLogId } from "@/server/call-logs/call-log-id";

export const dynamic = "force-dynamic";

export const GET = withOrg(async ({ req, params, actor }) => streamCallRecording(actor, callLogId(params), req));
