import { z } from "zod";
import { afterHoursModes, noAnswerModes } from "@/server/db/schema/call-routing";
import { normalisePhoneNumber } from "@/shared/phone-number";

/** PUT /api/call-routing (shared with the Assistant page's form; nothing server-only). */

const ROUTING_LIMITS = { destinationsMax: 10, nameMax: 60, secondsMin: 5, secondsMax: 60 } as const;

const PhoneNumber = z
  .string({ message: "Enter a phone number in international format, e.g. +44 20 7946 0001." })
  .max(40)
  .transform((value, ctx) => {
    const normalised = normalisePhoneNumber(value);
    if (!normalised) {
      ctx.addIssue({ code: "custom", message: "is not a valid phone number (use international format, e.g. +44 20 7946 0001)" });
      return z.NEVER;
    }
    return normalised;
  });

const Seconds = z
  .number({ message: `must be a number of seconds from ${ROUTING_LIMITS.secondsMin} to ${ROUTING_LIMITS.secondsMax}` })
  .int({ message: "must be whole seconds" })
  .min(ROUTING_LIMITS.secondsMin, { message: `must be at least ${ROUTING_LIMITS.secondsMin} seconds` })
  .max(ROUTING_LIMITS.secondsMax, { message: `must be at most ${ROUTING_LIMITS.secondsMax} seconds` });

const StaffDestinationInput = z.object({
  name: z
    .string({ message: "Give each number a name (who answers it)." })
    .trim()
    .min(1, { message: "Give each number a name (who answers it)." })
    .max(ROUTING_LIMITS.nameMax, { message: `Keep the name under ${ROUTING_LIMITS.nameMax} characters.` }),
  number: PhoneNumber,
  sms: z.boolean({ message: "must be true or false" }).default(false),
});

export const CallRoutingInput = z
  .object({
    staff_destinations: z
      .array(StaffDestinationInput, { message: "must be a list of numbers" })
      .max(ROUTING_LIMITS.destinationsMax, { message: `At most ${ROUTING_LIMITS.destinationsMax} numbers ring together.` })
      .refine((list) => new Set(list.map((d) => d.number)).size === list.length, { message: "Each number may appear once." }),
    ring_timeout_seconds: Seconds,
    ring_staff_first: z.boolean({ message: "must be true or false" }),
    ring_staff_first_seconds: Seconds,
    no_answer: z.enum(noAnswerModes, { message: "must be voicemail or callback" }),
    after_hours_mode: z.enum(afterHoursModes, { message: "must be assistant, voicemail or forward" }),
    on_call_number: PhoneNumber.nullable(),
    emergency_transfer: z.boolean({ message: "must be true or false" }),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.on_call_number && value.after_hours_mode === "forward") {
      ctx.addIssue({ code: "custom", path: ["on_call_number"], message: "is needed to forward calls after hours" });
    }
    if (!value.on_call_number && value.emergency_transfer) {
      ctx.addIssue({ code: "custom", path: ["on_call_number"], message: "is needed to put emergencies through" });
    }
    if (value.ring_staff_first && value.staff_destinations.length === 0) {
      ctx.addIssue({ code: "custom", path: ["staff_destinations"], message: "Add a staff number to ring first." });
    }
  });
export type CallRoutingInput = z.infer<typeof CallRoutingInput>;
