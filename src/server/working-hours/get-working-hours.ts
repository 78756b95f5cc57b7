import { asUser } from "@/server/db/access";
import { loadOpeningHours } from "./load-opening-hours";
import type { OpeningHours } from "./opening-hours";

export function getWorkingHours(userId: string, organisationId: string): Promise<OpeningHours> {
  return asUser({ userId, organisationId }, (tx) => loadOpeningHours(tx, organisationId));
}
