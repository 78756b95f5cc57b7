import { appointmentJson } from "@/server/calendar/appointment-json";
import { getBookingSettings } from "@/server/calendar/booking-settings";
import { cancelAppointment } from "@/server/calendar/cancel-appointment";
import { markNoShow } from "@/server/calendar/mark-no-show";
import { UpdateAppointmentInput } from "@/server/calendar/schemas";
import { DomainError } from "@/server/errors";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { Uuid } from "@/server/organisations/schemas";

/**
 * Members cancel (`{"status": "cancelled"}`; the Google event is cancelled too and the patient
 * texted) or mark a no-show (`{"no_show": true}` once it has begun; `false` takes it back).
 */
export const PATCH = withOrg(async ({ req, params, actor, user }) => {
  const id = Uuid.safeParse(params.id);
  if (!id.success) throw new DomainError("not_found", "That appointment does not exist in this clinic.");
  const input = UpdateAppointmentInput.parse(await readJson(req));
  const appointment =
    "no_show" in input ? await markNoShow(actor, id.data, input.no_show, new Date()) : await cancelAppointment(actor, id.data, new Date());
  const { timezone } = await getBookingSettings(actor);
  // The member who just changed it is the one asking (a no-show mark leaves an earlier changer, named in the list).
  const changedBy = appointment.changedBy
    ? { id: appointment.changedBy, email: appointment.changedBy === user.id ? user.email : null }
    : null;
  return json(appointmentJson(appointment, timezone, null, changedBy));
});
