import { AppError } from "@/server/http/errors";
import type { UnavailableReason } from "./book-appointment";
import type { Interval } from "./intervals";
import { slotJson } from "./list-free-slots";

const messages: Record<UnavailableReason, string> = {
  taken: "That time is no longer free.",
  outside_hours: "That time is outside the clinic's opening hours.",
  too_soon: "That time is too soon: the clinic needs more notice.",
  in_the_past: "That time has already passed.",
};

/** The API's 409 for a time that cannot be booked, with the nearest free slots to offer instead. */
export function slotUnavailableError(reason: UnavailableReason, nearest: Interval[], timeZone: string): AppError {
  const offer = nearest.length > 0 ? " The nearest free times are in details.nearest_slots." : " No free time was found nearby.";
  return new AppError("conflict", `${messages[reason]}${offer}`, {
    reason,
    nearest_slots: nearest.map((slot) => slotJson(slot, timeZone)),
  });
}
