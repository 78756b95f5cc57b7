import type { SetupStep } from "@/components/dashboard/setup-checklist";
import type { Actor } from "@/server/actor";
import { loadSetupFacts } from "@/server/organisations/load-setup-facts";

/** The Overview's setup checklist, from what the clinic has set up so far (read as the signed-in person). */
export async function loadSetupSteps(actor: Actor): Promise<SetupStep[]> {
  const facts = await loadSetupFacts(actor);
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
