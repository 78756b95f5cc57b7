import { z } from "zod";
import {
  providerAmount,
  providerId,
  providerJson,
  providerJsonObject,
  providerText,
  providerTimestamp,
  providerUrl,
  TEXT_LIMITS,
} from "../provider-values";

/**
 * The raw shapes of the Vapi server messages this app reads (the `ServerMessage*` schemas of vapi-openapi.json),
 * before normalisation. The normalisers (end-of-call report, tool-call list) read these types and
 * `webhook-schemas` composes them, so the schemas sit below both and no import runs in a circle.
 * Every string, time, amount and JSON value is read through provider-values.ts: cleaned, bounded,
 * or dropped there, before any handler sees it.
 */

/** numeric(10, 4) holds less than a million dollars. */
const MAX_COST = 999_999;

const CALL_STATUSES = ["scheduled", "queued", "ringing", "in-progress", "forwarding", "ended", "not-found", "deletion-failed"] as const;
export type VapiCallStatus = (typeof CALL_STATUSES)[number];

/** Free-form JSON object (metadata, structured data, cost breakdown), cleaned. */
const jsonObject = providerJsonObject;
const url = providerUrl;
const time = providerTimestamp;
const cost = providerAmount(MAX_COST);

/** An optional field that is dropped, not fatal, when malformed. */
export function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

export const callSchema = z.looseObject({
  id: providerId,
  status: lenient(providerText(TEXT_LIMITS.word)),
  phoneNumberId: lenient(providerId),
  metadata: lenient(jsonObject),
  assistant: lenient(z.looseObject({ metadata: lenient(jsonObject) })),
  customer: lenient(z.looseObject({ number: lenient(providerText(TEXT_LIMITS.word)) })),
  startedAt: lenient(time),
  endedAt: lenient(time),
  cost: lenient(cost),
  costBreakdown: lenient(jsonObject),
});
export type VapiCallRef = z.infer<typeof callSchema>;

export const common = {
  timestamp: lenient(z.number().finite()),
  assistant: lenient(z.looseObject({ metadata: lenient(jsonObject) })),
};

export const statusUpdateSchema = z.looseObject({
  ...common,
  type: z.literal("status-update"),
  call: callSchema,
  status: z.enum(CALL_STATUSES),
  endedReason: lenient(providerText(TEXT_LIMITS.word)),
});

export const endOfCallReportSchema = z.looseObject({
  ...common,
  type: z.literal("end-of-call-report"),
  call: callSchema,
  endedReason: providerText(TEXT_LIMITS.word).pipe(z.string().min(1)),
  startedAt: lenient(time),
  endedAt: lenient(time),
  cost: lenient(cost),
  costs: lenient(z.array(jsonObject.pipe(z.looseObject({ type: z.string(), cost: z.number() })))),
  analysis: lenient(
    z.looseObject({
      summary: lenient(providerText(TEXT_LIMITS.summary)),
      structuredData: lenient(jsonObject),
      successEvaluation: lenient(z.union([providerText(TEXT_LIMITS.short), z.boolean(), z.number().finite()])),
    }),
  ),
  artifact: lenient(
    z.looseObject({
      transcript: lenient(providerText(TEXT_LIMITS.transcript)),
      messages: lenient(z.array(jsonObject)),
      recording: lenient(
        z.looseObject({
          stereoUrl: lenient(url),
          mono: lenient(
            z.looseObject({
              combinedUrl: lenient(url),
              assistantUrl: lenient(url),
              customerUrl: lenient(url),
            }),
          ),
        }),
      ),
      recordingUrl: lenient(url),
      stereoRecordingUrl: lenient(url),
    }),
  ),
  // Legacy top-level fields of 2024 payloads: fallbacks only.
  summary: lenient(providerText(TEXT_LIMITS.summary)),
  transcript: lenient(providerText(TEXT_LIMITS.transcript)),
  messages: lenient(z.array(jsonObject)),
  recordingUrl: lenient(url),
  stereoRecordingUrl: lenient(url),
});
export type RawEndOfCallReport = z.infer<typeof endOfCallReportSchema>;

export const toolCallsSchema = z.looseObject({
  ...common,
  type: z.literal("tool-calls"),
  call: callSchema,
  toolCallList: z.array(providerJson).optional(),
  toolCalls: z.array(providerJson).optional(),
  toolWithToolCallList: z.array(providerJson).optional(),
});
export type RawToolCalls = z.infer<typeof toolCallsSchema>;
