import type { ServerResponse } from "node:http";
import { signTwilioRequest } from "../signature";
import { newSid } from "../simulator";
import { rfc2822, sendJson, sendTwilioError } from "./http";

/**
 * Programmable Messaging as the emulator plays it: `POST /2010-04-01/Accounts/{sid}/Messages.json`
 * (twilio.com/docs/messaging/api/message-resource#create-a-message-resource). Rejected like
 * Twilio: no `To` or one that is not E.164 (21211), neither `From` nor `MessagingServiceSid`
 * (21603), a Messaging Service the account does not have (21701), a `From` that is not one of
 * its numbers (21606), no `Body` (21602), a body over 1600 characters (21617), a recipient who
 * opted out of that sender (21610), a relative `StatusCallback` (21609). An accepted message is
 * `accepted` (Messaging Service) or `queued`, then moves on a schedule: `sent`, then `delivered`
 * (or the outcome a test set for that number, e.g. `undelivered` 30003), each reported to its
 * `StatusCallback` signed with the account's auth token, as Twilio signs.
 */

export type EmulatedMessageStatus = "accepted" | "queued" | "sending" | "sent" | "delivered" | "undelivered" | "failed";

export interface EmulatedMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  numSegments: number;
  status: EmulatedMessageStatus;
  errorCode: number | null;
  statusCallback: string | null;
  dateCreated: Date;
  /** Every status callback posted (status, HTTP answer). */
  callbacks: { status: string; httpStatus: number | null }[];
}

export interface MessagingState {
  messages: EmulatedMessage[];
  /** The account's Messaging Services (MG…) and sending numbers. */
  services: Set<string>;
  numbers: Set<string>;
  /** "<service or from>|<to>" pairs blocked by the recipient's STOP. */
  optOuts: Set<string>;
  /** What becomes of messages to a number: delivered unless set. */
  outcomes: Map<string, { status: "delivered" | "undelivered" | "failed"; errorCode?: number }>;
  /** Delays of the status callbacks after creation, in ms. */
  delays: { sent: number; final: number };
}

const E164 = /^\+[1-9]\d{6,14}$/;
const SERVICE_SID = /^MG[0-9a-f]{32}$/;

export function newMessagingState(): MessagingState {
  return {
    messages: [],
    services: new Set(),
    numbers: new Set(),
    optOuts: new Set(),
    outcomes: new Map(),
    delays: { sent: 300, final: 800 },
  };
}

/** Billed segments: GSM-7 160 (153 per part), else UCS-2 70 (67 per part). */
function segmentsOf(body: string): number {
  const gsm = /^[A-Za-z0-9 \r\n@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/.test(body);
  const length = [...body].length;
  return gsm ? (length <= 160 ? 1 : Math.ceil(length / 153)) : length <= 70 ? 1 : Math.ceil(length / 67);
}

export function createMessage(
  res: ServerResponse,
  state: MessagingState,
  account: { sid: string; authToken: string },
  form: URLSearchParams,
  schedule: (message: EmulatedMessage) => void,
): number {
  const fail = (status: number, code: number, message: string) => {
    sendTwilioError(res, status, code, message);
    return status;
  };
  const to = form.get("To") ?? "";
  const from = form.get("From");
  const service = form.get("MessagingServiceSid");
  const body = form.get("Body");
  const callback = form.get("StatusCallback");
  if (!to) return fail(400, 21604, "A 'To' phone number is required.");
  if (!E164.test(to)) return fail(400, 21211, `The 'To' number ${to.slice(0, 40)} is not a valid phone number.`);
  if (!from && !service) return fail(400, 21603, "A 'From' phone number or a 'MessagingServiceSid' is required.");
  if (service && (!SERVICE_SID.test(service) || !state.services.has(service))) {
    return fail(400, 21701, `The Messaging Service Sid ${service.slice(0, 40)} is invalid.`);
  }
  if (!service && from && !state.numbers.has(from)) {
    return fail(
      400,
      21606,
      `The From phone number ${from.slice(0, 40)} is not a valid, SMS-capable inbound phone number or short code for your account.`,
    );
  }
  if (!body) return fail(400, 21602, "Message body is required.");
  if ([...body].length > 1600) return fail(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
  if (callback !== null && !/^https?:\/\/[^\s/]+/.test(callback)) return fail(400, 21609, "The StatusCallback URL is not a valid URL.");
  if (state.optOuts.has(`${service ?? from}|${to}`)) return fail(400, 21610, "Attempt to send to unsubscribed recipient");

  const message: EmulatedMessage = {
    sid: newSid("SM"),
    accountSid: account.sid,
    to,
    from: service ? null : from,
    messagingServiceSid: service,
    body,
    numSegments: segmentsOf(body),
    status: service ? "accepted" : "queued",
    errorCode: null,
    statusCallback: callback,
    dateCreated: new Date(),
    callbacks: [],
  };
  state.messages.push(message);
  sendJson(res, 201, messageJson(message));
  schedule(message);
  return 201;
}

function messageJson(message: EmulatedMessage) {
  return {
    sid: message.sid,
    account_sid: message.accountSid,
    messaging_service_sid: message.messagingServiceSid,
    to: message.to,
    from: message.from,
    body: message.body,
    status: message.status,
    num_segments: String(message.numSegments),
    num_media: "0",
    direction: "outbound-api",
    api_version: "2010-04-01",
    price: null,
    price_unit: "USD",
    error_code: message.errorCode,
    error_message: null,
    uri: `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}.json`,
    date_created: rfc2822(message.dateCreated),
    date_updated: rfc2822(new Date()),
    date_sent: null,
    subresource_uris: { media: `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}/Media.json` },
  };
}

/** Moves a message to `status` and posts its signed status callback (never throws). */
export async function reportStatus(
  message: EmulatedMessage,
  status: EmulatedMessageStatus,
  authToken: string,
  errorCode?: number,
): Promise<void> {
  message.status = status;
  if (errorCode !== undefined) message.errorCode = errorCode;
  if (!message.statusCallback) return;
  const params: Record<string, string> = {
    AccountSid: message.accountSid,
    ApiVersion: "2010-04-01",
    MessageSid: message.sid,
    SmsSid: message.sid,
    MessageStatus: status,
    SmsStatus: status,
    To: message.to,
    ...(message.from ? { From: message.from } : {}),
    ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
    ...(errorCode !== undefined ? { ErrorCode: String(errorCode) } : {}),
  };
  const signature = signTwilioRequest({ authToken, url: message.statusCallback, params });
  try {
    const response = await fetch(message.statusCallback, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature, "user-agent": "TwilioProxy/1.1" },
      body: new URLSearchParams(params).toString(),
    });
    await response.arrayBuffer();
    message.callbacks.push({ status, httpStatus: response.status });
  } catch {
    message.callbacks.push({ status, httpStatus: null });
  }
}
