import { type Actor, asUser } from "@/server/db/access";
import { loadOpeningHours } from "./load-opening-hours";
import type { OpeningHours } from "./opening-hours";

export function getWorkingHours(actor: Actor): Promise<OpeningHours> {
  const { organisationId } = actor;
  return asUser(actor, (tx) => loadOpeningHours(tx, organisationId));
}
