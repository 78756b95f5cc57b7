import type { CallRoutingJson } from "@/server/call-routing/call-routing-json";
import type { TransferDestination } from "@/server/db/schema";
import { type OpeningHours, openingStatus } from "@/server/working-hours/opening-hours";

/** Demo mode's simulated calls may be played as if the clinic were open or closed, whatever the clock says. */
export type DemoHours = "open" | "closed";

export type InboundRoute =
  | { kind: "assistant"; open: boolean }
  | { kind: "ring_first"; destinations: TransferDestination[]; seconds: number }
  | { kind: "voicemail" }
  | { kind: "forward"; destinations: TransferDestination[]; seconds: number };

/**
 * Where a new call goes before any Vapi request (decision 019), at `now` in the clinic's zone
 * (working-hours exceptions count: a holiday is closed; DST is the zone's own):
 * - open, ring-staff-first on and staff numbers set → the ring group for N seconds, then the assistant;
 * - open otherwise → the assistant;
 * - closed → the after-hours mode: the assistant (it says the clinic is closed), a voicemail, or
 *   forwarding to the on-call number.
 * `hours` routes as if the clinic were open or closed whatever the clock says (demo mode's
 * simulated calls: `npm run simulate:call -- --staff ...` or `--after-hours`).
 * Pure: same routing, hours and instant, same route.
 */
export function inboundRoute(routing: CallRoutingJson, hours: OpeningHours, now: Date, options: { hours?: DemoHours } = {}): InboundRoute {
  const open = options.hours ? options.hours === "open" : openingStatus(hours, now).open;
  if (open) {
    if (routing.ring_staff_first && routing.staff_destinations.length > 0) {
      return {
        kind: "ring_first",
        destinations: routing.staff_destinations.map(({ name, number }) => ({ name, number })),
        seconds: routing.ring_staff_first_seconds,
      };
    }
    return { kind: "assistant", open };
  }
  if (routing.after_hours_mode === "voicemail") return { kind: "voicemail" };
  if (routing.after_hours_mode === "forward" && routing.on_call_number) {
    return { kind: "forward", destinations: [{ name: "On call", number: routing.on_call_number }], seconds: routing.ring_timeout_seconds };
  }
  return { kind: "assistant", open };
}
