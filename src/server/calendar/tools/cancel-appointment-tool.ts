import { serviceActor } from "@/server/actor";
import { ToolError, type ToolHandler } from "@/server/calls/tools/tool-handler";
import { cancelAppointment } from "../cancel-appointment";
import { ChangeTooLateError } from "../change-too-late-error";
import { callerAppointment, callerScope, spokenWhen, tooLateMessage } from "./caller-appointments";

/**
 * `cancel_appointment {appointment_id}`: cancels one of the calling number's own live
 * appointments through the same path as the dashboard (the Google event is cancelled by the
 * outbox), refused inside the clinic's minimum notice. Cancelling again is a no-op.
 */
export const cancelAppointmentTool: ToolHandler = async (args, context) => {
  const scope = await callerScope(context);
  const appointment = await callerAppointment(scope, args.appointment_id);
  try {
    await cancelAppointment(serviceActor(scope.organisationId), appointment.id, new Date(), {
      via: "phone",
      enforceMinimumNotice: true,
    });
  } catch (error) {
    if (error instanceof ChangeTooLateError) throw new ToolError(tooLateMessage(error.minNoticeMinutes, scope.language));
    throw error;
  }
  const when = spokenWhen(appointment.startAt, scope);
  return scope.language === "ru" ? `Запись на ${when} отменена.` : `Cancelled: the appointment on ${when}.`;
};
