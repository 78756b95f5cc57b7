import type { Db } from "@/server/db/access";
import { assistantSettings, organisationMembers, organisations, workingHours } from "@/server/db/schema";
import { guessTimeZone } from "./guess-time-zone";

/** Monday to Friday, 09:00–17:00: a starting point the clinic edits on the Working hours page. */
const DEFAULT_WEEK = [1, 2, 3, 4, 5].map((day) => ({ dayOfWeek: day, opensAt: "09:00", closesAt: "17:00" }));

/**
 * The owner's login (auth or service pool), inside the caller's transaction: a new organisation with `userId` as its owner,
 * default assistant settings and default working hours. `browserZone` (the creator's browser) is
 * the first guess at the clinic's time zone; it stays unconfirmed until the Overview asks.
 */
export async function createOrganisationWithOwner(tx: Db, userId: string, name: string, browserZone?: string) {
  const timezone = guessTimeZone({ browserZone });
  const [organisation] = await tx.insert(organisations).values({ name, timezone }).returning();
  if (!organisation) throw new Error("organisation insert returned nothing");
  await tx.insert(organisationMembers).values({ organisationId: organisation.id, userId, role: "owner" });
  await tx.insert(assistantSettings).values({
    organisationId: organisation.id,
    userId,
    greetingEn: `Hello, you've reached ${name}. How can I help you today?`,
    greetingRu: `Здравствуйте, вы позвонили в ${name}. Чем могу помочь?`,
  });
  await tx.insert(workingHours).values(DEFAULT_WEEK.map((d) => ({ ...d, organisationId: organisation.id, userId })));
  return { id: organisation.id, name: organisation.name, role: "owner" as const };
}
