import { count, eq } from "drizzle-orm";
import { asUser } from "@/server/db/access";
import { intents, organisationCalendarConnections, organisations, phoneNumbers } from "@/server/db/schema";
import type { SetupStep } from "@/components/dashboard/setup-checklist";

/**
 * What the clinic has set up so far, read as the signed-in person (row level security applies).
 * Working hours start as Mon–Fri 09:00–17:00 at sign-up, so they count as done once saved
 * (organisations.working_hours_saved_at).
 */
export async function loadSetupSteps(userId: string, organisationId: string): Promise<SetupStep[]> {
  const facts = await asUser({ userId, organisationId }, async (tx) => {
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

  return [
    {
      key: "phone-number",
      title: "Add a phone number",
      description: "The number patients call. Calls to it are answered by your receptionist.",
      href: "/dashboard/phone-numbers",
      actionLabel: "Add number",
      status: facts.phoneNumbers > 0 ? "done" : "todo",
      detail: facts.phoneNumbers > 0 ? plural(facts.phoneNumbers, "number") : undefined,
    },
    {
      key: "intents",
      title: "Write intents",
      description: "Answers to what patients ask: opening times, prices, parking, how to prepare.",
      href: "/dashboard/intents",
      actionLabel: "Write intents",
      status: facts.intents > 0 ? "done" : "todo",
      detail: facts.intents > 0 ? plural(facts.intents, "intent") : undefined,
    },
    {
      key: "working-hours",
      title: "Set working hours",
      description: "When the clinic is open, so the receptionist only offers times you can see patients.",
      href: "/dashboard/working-hours",
      actionLabel: "Review hours",
      status: facts.hoursEdited ? "done" : "default",
      detail: facts.hoursEdited ? undefined : "Using Mon–Fri, 09:00–17:00",
    },
    {
      key: "voice",
      title: "Choose a voice",
      description: "Pick how your receptionist sounds on the phone, in English and Russian.",
      href: "/dashboard/assistant",
      actionLabel: "Choose voice",
      status: facts.voiceChosen ? "done" : "todo",
    },
    {
      key: "calendar",
      title: "Connect Google Calendar",
      description: "So the receptionist can see free slots and book appointments for patients.",
      href: "/dashboard/calendar",
      actionLabel: "Connect",
      status: facts.calendarConnected ? "done" : "todo",
    },
  ];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
