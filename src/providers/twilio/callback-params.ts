import { z } from "zod";
import { MAX_CALL_SECONDS, providerText, providerUrl, TEXT_LIMITS } from "../provider-values";

/**
 * The fields of Twilio's signed form callbacks that the app reads, made safe at the boundary
 * (provider-values.ts): a CallSid is "CA" + 32 hex digits or the form is refused; the status is
 * a short clean word; a duration is whole seconds up to a week, else dropped; a recording URL is
 * an http(s) URL of bounded length, else dropped.
 */
const twilioCallSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, "CallSid must be CA followed by 32 hex digits");

const durationSeconds = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().max(MAX_CALL_SECONDS))
  .optional()
  .catch(undefined);

export const statusCallbackParams = z.object({
  CallSid: twilioCallSid,
  CallStatus: providerText(TEXT_LIMITS.word).catch(""),
  CallDuration: durationSeconds,
});

export const voicemailCallbackParams = z.object({
  CallSid: twilioCallSid,
  RecordingUrl: providerUrl.optional().catch(undefined),
  RecordingSid: z
    .string()
    .regex(/^RE[0-9a-fA-F]{32}$/)
    .optional()
    .catch(undefined),
  RecordingDuration: durationSeconds,
});

/**
 * Twilio's transcription callback (`<Record transcribeCallback>`): the call, the recording it
 * transcribes, and the text when `TranscriptionStatus` is `completed`. A form without a real
 * CallSid, RecordingSid or TranscriptionSid, or with another status word, is refused (4xx).
 */
export const transcriptionCallbackParams = z.object({
  CallSid: twilioCallSid,
  RecordingSid: z.string().regex(/^RE[0-9a-fA-F]{32}$/, "RecordingSid must be RE followed by 32 hex digits"),
  TranscriptionSid: z.string().regex(/^TR[0-9a-fA-F]{32}$/, "TranscriptionSid must be TR followed by 32 hex digits"),
  TranscriptionStatus: z.enum(["completed", "failed"]),
  TranscriptionText: providerText(20000).optional().catch(undefined),
});

/** The first problem of a refused form, in a few words. */
export function callbackProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "form"}: ${issue.message}` : "unreadable form";
}

/** Twilio's MessageSid: SM (or MM for media) + 32 hex digits. */
const twilioMessageSid = z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "MessageSid must be SM followed by 32 hex digits");

/** An incoming text (twilio.com/docs/messaging/guides/webhook-request). */
export const inboundSmsParams = z.object({
  MessageSid: twilioMessageSid,
  From: providerText(TEXT_LIMITS.word),
  To: providerText(TEXT_LIMITS.word),
  Body: providerText(1600).catch(""),
  MessagingServiceSid: z
    .string()
    .regex(/^MG[0-9a-f]{32}$/)
    .optional()
    .catch(undefined),
  OptOutType: z.enum(["STOP", "START", "HELP"]).optional().catch(undefined),
});

/** A message status callback: the status word and, for failures, Twilio's error code. */
export const smsStatusParams = z.object({
  MessageSid: twilioMessageSid,
  MessageStatus: providerText(TEXT_LIMITS.word).catch(""),
  ErrorCode: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be an id");

/** The query our transfer callbacks carry (we wrote it into the TwiML; still checked). */
export const afterAssistantQuery = z.object({ call: uuid });
export const transferQuery = z.object({ transfer: uuid });
export const whisperQuery = z.object({
  transfer: uuid,
  d: z
    .string()
    .regex(/^[0-9]$/, "must be a destination index 0-9")
    .transform(Number),
});

/** The <Connect action> request: the caller's call. */
export const afterAssistantParams = z.object({ CallSid: twilioCallSid });

/** The <Dial action> request (twilio.com/docs/voice/twiml/dial#action). */
export const afterDialParams = z.object({
  CallSid: twilioCallSid,
  DialCallStatus: z.string().regex(/^[a-z-]{1,20}$/, "DialCallStatus must be a status word"),
  DialCallDuration: durationSeconds,
});

/** A staff leg's request (the whisper and its <Gather action>): its parent is the caller's call. */
export const whisperParams = z.object({
  CallSid: twilioCallSid,
  ParentCallSid: twilioCallSid,
  Digits: z
    .string()
    .regex(/^[0-9*#]{0,20}$/)
    .optional()
    .catch(undefined),
});
