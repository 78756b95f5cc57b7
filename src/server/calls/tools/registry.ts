import { bookAppointmentTool } from "@/server/calendar/tools/book-appointment-tool";
import { cancelAppointmentTool } from "@/server/calendar/tools/cancel-appointment-tool";
import { checkAvailabilityTool } from "@/server/calendar/tools/check-availability-tool";
import { findMyAppointmentsTool } from "@/server/calendar/tools/find-my-appointments-tool";
import { rescheduleAppointmentTool } from "@/server/calendar/tools/reschedule-appointment-tool";
import { takeMessageTool } from "@/server/messages/tools/take-message-tool";
import { transferToStaffTool } from "@/server/transfers/transfer-to-staff-tool";
import type { ToolHandler } from "./tool-handler";

/**
 * The function tools our Vapi webhook serves, by name. Capabilities add their tools here
 * (the calendar adds check_availability and book_appointment, the inbox take_message); an
 * unknown name gets an error.
 */
export const toolHandlers: Record<string, ToolHandler> = {
  check_availability: checkAvailabilityTool,
  book_appointment: bookAppointmentTool,
  take_message: takeMessageTool,
  find_my_appointments: findMyAppointmentsTool,
  cancel_appointment: cancelAppointmentTool,
  reschedule_appointment: rescheduleAppointmentTool,
  transfer_to_staff: transferToStaffTool,
};
