import { Bot } from "lucide-react";
import type { Metadata } from "next";
import { UpcomingArea } from "@/components/dashboard/upcoming-area";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Assistant · Clinicall" };

export default async function AssistantPage() {
  await requireDashboardSession("/dashboard/assistant");
  return (
    <UpcomingArea
      title="Assistant"
      description="How your receptionist sounds and greets callers."
      icon={Bot}
      emptyTitle="No voice chosen yet"
      emptyDescription="Your receptionist needs a voice before it can answer. You'll pick one here and hear it first."
      willShow={[
        "Voices to choose from, each speaking English and Russian",
        "The greeting callers hear, in both languages",
        "The number to transfer callers to when they ask for a person",
      ]}
      firstStep={{ text: "Agree on the greeting you want callers to hear, for example “Hello, you've reached Riverside Clinic.”" }}
    />
  );
}
