import { asUser } from "@/server/db/access";
import { loadOpeningHours } from "./load-opening-hours";
import { openingStatus, type OpeningStatus } from "./opening-hours";

/** Whether the clinic is open at `at` (default now), computed in the clinic's timezone. */
export async function getOpeningStatus(userId: string, organisationId: string, at: Date = new Date()): Promise<OpeningStatus> {
  const hours = await asUser({ userId, organisationId }, (tx) => loadOpeningHours(tx, organisationId));
  return openingStatus(hours, at);
}
