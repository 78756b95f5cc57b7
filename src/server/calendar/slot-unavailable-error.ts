import { DomainError } from "@/server/errors";
import type { UnavailableReason } from "./book-appointment";
import type { Interval } from "./intervals";
import { slotJson } from "./list-free-slots";

const messages: Record<UnavailableReason, string> = {
  taken: "That time is no longer free.",
  outside_hours: "That time is outside the clinic's opening hours.",
  too_soon: "That time is too soon: the clinic needs more notice.",
  in_the_past: "That time has already passed.",
};

/** A time that cannot be booked (a 409 for the dashboard), with the nearest free slots to offer instead. */
export class SlotUnavailableError extends DomainError {
  constructor(
    readonly reason: UnavailableReason,
    nearest: Interval[],
    timeZone: string,
  ) {
    const offer = nearest.length > 0 ? " The nearest free times are in details.nearest_slots." : " No free time was found nearby.";
    super("conflict", `${messages[reason]}${offer}`, {
      reason,
      nearest_slots: nearest.map((slot) => slotJson(slot, timeZone)),
    });
  }
}
