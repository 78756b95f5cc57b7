import { appointmentJson } from "@/server/calendar/appointment-json";
import { bookAppointment } from "@/server/calendar/book-appointment";
import { listAppointments } from "@/server/calendar/list-appointments";
import { AppointmentsQuery, CreateAppointmentInput, queryOf } from "@/server/calendar/schemas";
import { SlotUnavailableError } from "@/server/calendar/slot-unavailable-error";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ req, actor }) => {
  const range = AppointmentsQuery.parse(queryOf(req));
  return json(await listAppointments(actor, range));
});

/** Members book by hand. 409 with the nearest free slots when the time cannot be booked. */
export const POST = withOrg(async ({ req, user, actor }) => {
  const input = CreateAppointmentInput.parse(await readJson(req));
  const result = await bookAppointment(
    actor,
    {
      summary: input.summary,
      start: input.start,
      end: input.end,
      description: input.description,
      customerName: input.customer_name,
      customerPhone: input.customer_phone,
      callId: input.call_id ?? null,
      idempotencyKey: input.idempotency_key ?? req.headers.get("idempotency-key")?.trim() ?? null,
      createdBy: user.id,
      enforceMinimumNotice: false,
    },
    new Date(),
  );
  const timezone = result.context.hours.timezone;
  if (result.outcome === "unavailable") throw new SlotUnavailableError(result.reason, result.nearest, timezone);
  return json(appointmentJson(result.appointment, timezone), 201, result.replayed ? { "idempotent-replayed": "true" } : undefined);
});
