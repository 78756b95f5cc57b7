import { appointmentJson } from "@/server/calendar/appointment-json";
import { cancelAppointment } from "@/server/calendar/cancel-appointment";
import { userScope } from "@/server/calendar/db-scope";
import { UpdateAppointmentInput } from "@/server/calendar/schemas";
import { DomainError } from "@/server/errors";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { Uuid } from "@/server/organisations/schemas";
import { getBookingSettings } from "@/server/calendar/booking-settings";
import { asUser } from "@/server/db/access";

/** Members cancel (`{"status": "cancelled"}`); the Google event is cancelled too. */
export const PATCH = withOrg(async ({ req, params, org, actor }) => {
  const id = Uuid.safeParse(params.id);
  if (!id.success) throw new DomainError("not_found", "That appointment does not exist in this clinic.");
  UpdateAppointmentInput.parse(await readJson(req));
  const appointment = await cancelAppointment(userScope(actor), org.id, id.data, new Date());
  const { timezone } = await asUser(actor, (tx) => getBookingSettings(tx, org.id));
  return json(appointmentJson(appointment, timezone));
});
