import { serviceActor } from "@/server/actor";
import { ToolError, type ToolHandler } from "@/server/calls/tools/tool-handler";
import { CalendarNotConnectedError } from "../calendar-not-connected";
import { ChangeTooLateError } from "../change-too-late-error";
import { rescheduleAppointment } from "../reschedule-appointment";
import { parseStart, refusal } from "./book-appointment-tool";
import { callerAppointment, callerScope, spokenWhen, tooLateMessage } from "./caller-appointments";
import { spokenSlots } from "./spoken-times";
import { NOT_BOOKABLE } from "./tool-messages";

/**
 * `reschedule_appointment {appointment_id, new_start}`: moves one of the calling number's own
 * appointments, with the same checks as booking; a time that cannot be had is answered with the
 * nearest free times. Refused inside the clinic's minimum notice (of the current time).
 */
export const rescheduleAppointmentTool: ToolHandler = async (args, context) => {
  const scope = await callerScope(context);
  const appointment = await callerAppointment(scope, args.appointment_id);
  const newStart = typeof args.new_start === "string" ? parseStart(args.new_start.trim(), scope.timezone) : null;
  if (!newStart) throw new ToolError("I could not read new_start; use a date and time like 2026-03-10T09:30:00+00:00.");
  try {
    const result = await rescheduleAppointment(
      serviceActor(scope.organisationId),
      { appointmentId: appointment.id, newStart, via: "phone", enforceMinimumNotice: true },
      new Date(),
    );
    if (result.outcome === "unavailable") {
      return refusal(result.reason, spokenSlots(result.nearest, scope.timezone, scope.language), scope.language);
    }
    const when = spokenWhen(result.appointment.startAt, scope);
    return scope.language === "ru" ? `Запись перенесена на ${when}.` : `Moved: the appointment is now on ${when}.`;
  } catch (error) {
    if (error instanceof ChangeTooLateError) throw new ToolError(tooLateMessage(error.minNoticeMinutes, scope.language));
    if (error instanceof CalendarNotConnectedError) throw new ToolError(NOT_BOOKABLE);
    throw error;
  }
};
