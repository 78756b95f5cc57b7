import { listFreeSlots, slotJson } from "@/server/calendar/list-free-slots";
import { queryOf, SlotsQuery } from "@/server/calendar/schemas";
import { withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";

export const GET = withOrg(async ({ req, actor }) => {
  const query = SlotsQuery.parse(queryOf(req));
  const result = await listFreeSlots(actor, {
    date: query.date,
    durationMinutes: query.duration_minutes,
    now: new Date(),
  });
  return json({
    date: result.date,
    timezone: result.timezone,
    duration_minutes: result.durationMinutes,
    slots: result.slots.map((slot) => slotJson(slot, result.timezone)),
    google: result.google,
  });
});
