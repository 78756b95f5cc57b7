import type { AfterHoursMode, NoAnswerMode, StaffDestination } from "@/server/db/schema/call-routing";

export interface CallRoutingJson {
  staff_destinations: StaffDestination[];
  ring_timeout_seconds: number;
  ring_staff_first: boolean;
  ring_staff_first_seconds: number;
  no_answer: NoAnswerMode;
  after_hours_mode: AfterHoursMode;
  on_call_number: string | null;
  emergency_transfer: boolean;
}

/** A clinic that never saved its routing: no staff numbers, the assistant answers at all hours. */
export const DEFAULT_CALL_ROUTING: CallRoutingJson = {
  staff_destinations: [],
  ring_timeout_seconds: 20,
  ring_staff_first: false,
  ring_staff_first_seconds: 15,
  no_answer: "voicemail",
  after_hours_mode: "assistant",
  on_call_number: null,
  emergency_transfer: false,
};

export function toCallRoutingJson(row: {
  staffDestinations: StaffDestination[];
  ringTimeoutSeconds: number;
  ringStaffFirst: boolean;
  ringStaffFirstSeconds: number;
  noAnswer: NoAnswerMode;
  afterHoursMode: AfterHoursMode;
  onCallNumber: string | null;
  emergencyTransfer: boolean;
}): CallRoutingJson {
  return {
    staff_destinations: row.staffDestinations,
    ring_timeout_seconds: row.ringTimeoutSeconds,
    ring_staff_first: row.ringStaffFirst,
    ring_staff_first_seconds: row.ringStaffFirstSeconds,
    no_answer: row.noAnswer,
    after_hours_mode: row.afterHoursMode,
    on_call_number: row.onCallNumber,
    emergency_transfer: row.emergencyTransfer,
  };
}
