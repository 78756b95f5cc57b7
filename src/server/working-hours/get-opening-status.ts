import { type Actor, asUser } from "@/server/db/access";
import { loadOpeningHours } from "./load-opening-hours";
import { type OpeningStatus, openingStatus } from "./opening-hours";

/** Whether the clinic is open at `at` (default now), computed in the clinic's timezone. */
export async function getOpeningStatus(actor: Actor, at: Date = new Date()): Promise<OpeningStatus> {
  const { organisationId } = actor;
  const hours = await asUser(actor, (tx) => loadOpeningHours(tx, organisationId));
  return openingStatus(hours, at);
}
