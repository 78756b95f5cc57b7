import { callLogId } from "@/server/call-logs/call-log-id";
import { streamCallRecording } from "@/server/call-logs/stream-call-recording";
import { withOrg } from "@/server/http/handler";

export const dynamic = "force-dynamic";

export const GET = withOrg(async ({ req, params, actor }) => streamCallRecording(actor, callLogId(params), req));
