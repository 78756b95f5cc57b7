import { count, eq } from "drizzle-orm";
import { type Actor, asUser } from "@/server/db/access";
import { intents, organisationCalendarConnections, organisations, phoneNumbers } from "@/server/db/schema";

/** What the clinic has set up so far: what the Overview's setup checklist is made of. */
export interface SetupFacts {
  phoneNumbers: number;
  intents: number;
  /** Working hours start as Mon–Fri 09:00–17:00 at sign-up; they count once saved. */
  hoursEdited: boolean;
  voiceChosen: boolean;
  calendarConnected: boolean;
}

/** Read as the signed-in person (row level security applies), in one transaction. */
export function loadSetupFacts(actor: Actor): Promise<SetupFacts> {
  const { organisationId } = actor;
  return asUser(actor, async (tx) => {
    const [phones] = await tx.select({ n: count() }).from(phoneNumbers).where(eq(phoneNumbers.organisationId, organisationId));
    const [answers] = await tx.select({ n: count() }).from(intents).where(eq(intents.organisationId, organisationId));
    const [organisation] = await tx
      .select({ voice: organisations.selectedVoiceAgentId, hoursSavedAt: organisations.workingHoursSavedAt })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    const [calendar] = await tx
      .select({ status: organisationCalendarConnections.status })
      .from(organisationCalendarConnections)
      .where(eq(organisationCalendarConnections.organisationId, organisationId));
    return {
      phoneNumbers: Number(phones?.n ?? 0),
      intents: Number(answers?.n ?? 0),
      hoursEdited: Boolean(organisation?.hoursSavedAt),
      voiceChosen: Boolean(organisation?.voice),
      calendarConnected: calendar?.status === "connected",
    };
  });
}
