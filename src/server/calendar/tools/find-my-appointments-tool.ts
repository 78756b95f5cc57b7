import type { ToolHandler } from "@/server/calls/tools/tool-handler";
import { callerScope, spokenWhen, upcomingForCaller } from "./caller-appointments";

/**
 * `find_my_appointments {}`: the calling number's upcoming appointments with their ids (for
 * cancel_appointment / reschedule_appointment). Nothing about anyone else, whatever is said.
 */
export const findMyAppointmentsTool: ToolHandler = async (_args, context) => {
  const scope = await callerScope(context);
  const upcoming = await upcomingForCaller(scope, new Date());
  if (upcoming.length === 0) {
    return scope.language === "ru"
      ? "У этого номера нет предстоящих записей."
      : "There are no upcoming appointments for the number calling.";
  }
  const lines = upcoming.map((a) => `${spokenWhen(a.startAt, scope)}: ${a.summary} (appointment_id ${a.id})`);
  return scope.language === "ru" ? `Предстоящие записи: ${lines.join("; ")}.` : `Upcoming appointments: ${lines.join("; ")}.`;
};
