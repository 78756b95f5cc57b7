import type { SetupStep } from "@/components/dashboard/setup-checklist";
import type { Actor } from "@/server/actor";
import { loadSetupFacts } from "@/server/organisations/load-setup-facts";

/**
 * The Overview's setup checklist, from what the clinic has set up so far (read as the signed-in
 * person). Texts are catalogue keys; the checklist renders them in the reader's language.
 */
export async function loadSetupSteps(actor: Actor): Promise<SetupStep[]> {
  const facts = await loadSetupFacts(actor);
  return [
    {
      key: "phone-number",
      title: "setup.phoneNumber.title",
      description: "setup.phoneNumber.description",
      href: "/dashboard/phone-numbers",
      actionLabel: "setup.phoneNumber.action",
      status: facts.phoneNumbers > 0 ? "done" : "todo",
      detail: facts.phoneNumbers > 0 ? { key: "setup.phoneNumber.detail", count: facts.phoneNumbers } : undefined,
    },
    {
      key: "intents",
      title: "setup.intents.title",
      description: "setup.intents.description",
      href: "/dashboard/intents",
      actionLabel: "setup.intents.action",
      status: facts.intents > 0 ? "done" : "todo",
      detail: facts.intents > 0 ? { key: "setup.intents.detail", count: facts.intents } : undefined,
    },
    {
      key: "working-hours",
      title: "setup.workingHours.title",
      description: "setup.workingHours.description",
      href: "/dashboard/working-hours",
      actionLabel: "setup.workingHours.action",
      status: facts.hoursEdited ? "done" : "default",
      detail: facts.hoursEdited ? undefined : { key: "setup.workingHours.detail" },
    },
    {
      key: "voice",
      title: "setup.voice.title",
      description: "setup.voice.description",
      href: "/dashboard/assistant",
      actionLabel: "setup.voice.action",
      status: facts.voiceChosen ? "done" : "todo",
    },
    {
      key: "calendar",
      title: "setup.calendar.title",
      description: "setup.calendar.description",
      href: "/dashboard/calendar",
      actionLabel: "setup.calendar.action",
      status: facts.calendarConnected ? "done" : "todo",
    },
  ];
}
