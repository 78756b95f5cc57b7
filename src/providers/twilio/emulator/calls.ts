import type { ServerResponse } from "node:http";
import { rfc2822, sendJson, sendTwilioError } from "./http";
import type { CallUpdate, EmulatedTwilioCall } from "./state";
import { checkTwiml } from "./twiml-check";

/**
 * `POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json`: modify a live call
 * (twilio.com/docs/voice/api/call-resource#update-a-call-resource). Form parameters `Url` (+
 * `Method`), `Twiml` or `Status` (`completed` | `canceled`); the answer is the call resource.
 * Rejected like Twilio does: no instruction (21205 for a bad Url, 32018 for Twiml over 4000
 * characters, 12100 unparsable Twiml, 15004 relative callback URLs), a call that is no longer in
 * progress (21220), an unknown call (20404).
 */
export function updateCall(
  res: ServerResponse,
  call: EmulatedTwilioCall | undefined,
  path: string,
  form: URLSearchParams,
  onUpdate: (call: EmulatedTwilioCall, update: CallUpdate) => void,
): number {
  if (!call) return notFound(res, path);
  const url = form.get("Url") ?? undefined;
  const twiml = form.get("Twiml") ?? undefined;
  const status = form.get("Status") ?? undefined;
  const method = (form.get("Method") ?? "POST").toUpperCase();
  if (url === undefined && twiml === undefined && status === undefined) {
    return error(res, 400, 20001, "Missing required parameter: one of Url, Twiml or Status");
  }
  if (status !== undefined && status !== "completed" && status !== "canceled") {
    return error(res, 400, 20001, `Status must be one of completed, canceled; got "${status.slice(0, 40)}"`);
  }
  if (method !== "GET" && method !== "POST") return error(res, 400, 20001, "Method must be GET or POST");
  if (url !== undefined && !isAbsoluteHttpUrl(url)) return error(res, 400, 21205, "Url is not a valid URL");
  const update: CallUpdate = { at: new Date() };
  if (twiml !== undefined) {
    const checked = checkTwiml(twiml);
    if (!checked.ok) return error(res, 400, checked.problem.code, checked.problem.message);
    update.twiml = twiml;
    update.document = checked.root;
  } else if (url !== undefined) {
    update.url = url;
    update.method = method as "GET" | "POST";
  }
  if (status === "canceled") {
    if (call.status !== "queued" && call.status !== "ringing")
      return error(res, 400, 21220, "Call is not queued or ringing. Cannot cancel.");
    update.status = "canceled";
  } else if (status === "completed") {
    if (isFinished(call)) return error(res, 400, 21220, "Call is not in-progress. Cannot redirect.");
    update.status = "completed";
  } else if (call.status !== "in-progress") {
    return error(res, 400, 21220, "Call is not in-progress. Cannot redirect.");
  }
  if (update.status) {
    call.status = update.status;
    call.endTime = update.at;
  }
  call.updates.push(update);
  onUpdate(call, update);
  sendJson(res, 200, callResource(call));
  return 200;
}

export function getCall(res: ServerResponse, call: EmulatedTwilioCall | undefined, path: string): number {
  if (!call) return notFound(res, path);
  sendJson(res, 200, callResource(call));
  return 200;
}

export function notFound(res: ServerResponse, path: string): number {
  return error(res, 404, 20404, `The requested resource ${path} was not found`);
}

function error(res: ServerResponse, status: number, code: number, message: string): number {
  sendTwilioError(res, status, code, message);
  return status;
}

function isFinished(call: EmulatedTwilioCall): boolean {
  return ["completed", "busy", "failed", "no-answer", "canceled"].includes(call.status);
}

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The Call resource as the 2010-04-01 API returns it (snake_case, RFC 2822 dates). */
export function callResource(call: EmulatedTwilioCall): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${call.accountSid}/Calls/${call.sid}.json`;
  const duration = call.startTime && call.endTime ? Math.round((call.endTime.getTime() - call.startTime.getTime()) / 1000) : null;
  return {
    sid: call.sid,
    account_sid: call.accountSid,
    parent_call_sid: call.parentCallSid,
    date_created: rfc2822(call.dateCreated),
    date_updated: rfc2822(call.updates.at(-1)?.at ?? call.dateCreated),
    to: call.to,
    to_formatted: call.to,
    from: call.from,
    from_formatted: call.from,
    phone_number_sid: null,
    status: call.status,
    start_time: call.startTime ? rfc2822(call.startTime) : null,
    end_time: call.endTime ? rfc2822(call.endTime) : null,
    duration: duration === null ? null : String(duration),
    price: null,
    price_unit: "USD",
    direction: call.direction,
    answered_by: null,
    api_version: "2010-04-01",
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: "0",
    trunk_sid: null,
    uri,
    subresource_uris: {
      notifications: uri.replace(/\.json$/, "/Notifications.json"),
      recordings: uri.replace(/\.json$/, "/Recordings.json"),
    },
  };
}
