import { z } from "zod";

/**
 * The raw shapes of the Vapi server messages this app reads (contracts §1c; OpenAPI `ServerMessage*`),
 * before normalisation. The normalisers (end-of-call report, tool-call list) read these types and
 * `webhook-schemas` composes them, so the schemas sit below both and no import runs in a circle.
 */

export const CALL_STATUSES = [
  "scheduled",
  "queued",
  "ringing",
  "in-progress",
  "forwarding",
  "ended",
  "not-found",
  "deletion-failed",
] as const;
export type VapiCallStatus = (typeof CALL_STATUSES)[number];

/** Free-form JSON object (metadata, structured data, cost breakdown). */
export const jsonObject = z.record(z.string(), z.unknown());

/** An optional field that is dropped, not fatal, when malformed. */
export function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

export const callSchema = z.looseObject({
  id: z.string().min(1, "message.call.id is required"),
  status: lenient(z.string()),
  phoneNumberId: lenient(z.string()),
  metadata: lenient(jsonObject),
  assistant: lenient(z.looseObject({ metadata: lenient(jsonObject) })),
  customer: lenient(z.looseObject({ number: lenient(z.string()) })),
  startedAt: lenient(z.string()),
  endedAt: lenient(z.string()),
  cost: lenient(z.number()),
  costBreakdown: lenient(jsonObject),
});
export type VapiCallRef = z.infer<typeof callSchema>;

export const common = {
  timestamp: lenient(z.number()),
  assistant: lenient(z.looseObject({ metadata: lenient(jsonObject) })),
};

export const statusUpdateSchema = z.looseObject({
  ...common,
  type: z.literal("status-update"),
  call: callSchema,
  status: z.enum(CALL_STATUSES),
  endedReason: lenient(z.string()),
});

export const endOfCallReportSchema = z.looseObject({
  ...common,
  type: z.literal("end-of-call-report"),
  call: callSchema,
  endedReason: z.string().min(1),
  startedAt: lenient(z.string()),
  endedAt: lenient(z.string()),
  cost: lenient(z.number()),
  costs: lenient(z.array(z.looseObject({ type: z.string(), cost: z.number() }))),
  analysis: lenient(
    z.looseObject({
      summary: lenient(z.string()),
      structuredData: lenient(jsonObject),
      successEvaluation: lenient(z.union([z.string(), z.boolean(), z.number()])),
    }),
  ),
  artifact: lenient(
    z.looseObject({
      transcript: lenient(z.string()),
      messages: lenient(z.array(jsonObject)),
      recording: lenient(
        z.looseObject({
          stereoUrl: lenient(z.string()),
          mono: lenient(
            z.looseObject({
              combinedUrl: lenient(z.string()),
              assistantUrl: lenient(z.string()),
              customerUrl: lenient(z.string()),
            }),
          ),
        }),
      ),
      recordingUrl: lenient(z.string()),
      stereoRecordingUrl: lenient(z.string()),
    }),
  ),
  // Legacy top-level fields of 2024 payloads: fallbacks only.
  summary: lenient(z.string()),
  transcript: lenient(z.string()),
  messages: lenient(z.array(jsonObject)),
  recordingUrl: lenient(z.string()),
  stereoRecordingUrl: lenient(z.string()),
});
export type RawEndOfCallReport = z.infer<typeof endOfCallReportSchema>;

export const toolCallsSchema = z.looseObject({
  ...common,
  type: z.literal("tool-calls"),
  call: callSchema,
  toolCallList: z.array(z.unknown()).optional(),
  toolCalls: z.array(z.unknown()).optional(),
  toolWithToolCallList: z.array(z.unknown()).optional(),
});
export type RawToolCalls = z.infer<typeof toolCallsSchema>;
