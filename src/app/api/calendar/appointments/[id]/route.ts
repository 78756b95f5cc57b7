import { appointmentJson } from "@/server/calendar/appointment-json";
import { getBookingSettings } from "@/server/calendar/booking-settings";
import { cancelAppointment } from "@/server/calendar/cancel-appointment";
import { UpdateAppointmentInput } from "@/server/calendar/schemas";
import { DomainError } from "@/server/errors";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { Uuid } from "@/server/organisations/schemas";

/** Members cancel (`{"status": "cancelled"}`); the Google event is cancelled too. */
export const PATCH = withOrg(async ({ req, params, actor }) => {
  const id = Uuid.safeParse(params.id);
  if (!id.success) throw new DomainError("not_found", "That appointment does not exist in this clinic.");
  UpdateAppointmentInput.parse(await readJson(req));
  const appointment = await cancelAppointment(actor, id.data, new Date());
  const { timezone } = await getBookingSettings(actor);
  return json(appointmentJson(appointment, timezone));
});
