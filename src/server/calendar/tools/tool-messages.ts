/** The failure line for a clinic that cannot take bookings now (no calendar connected). */
export const NOT_BOOKABLE =
  "Booking is not available right now (the clinic's calendar is not connected). Offer to take a message so the team can call back.";
