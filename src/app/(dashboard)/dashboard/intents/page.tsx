import { MessageSquareText } from "lucide-react";
import type { Metadata } from "next";
import { UpcomingArea } from "@/components/dashboard/upcoming-area";
import { requireDashboardSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Intents · Clinicall" };

export default async function IntentsPage() {
  await requireDashboardSession("/dashboard/intents");
  return (
    <UpcomingArea
      title="Intents"
      description="The questions patients ask, and how your receptionist answers each one."
      icon={MessageSquareText}
      emptyTitle="No intents yet"
      emptyDescription="An intent is one thing patients ask about, such as “Are you open on Saturday?” or “How much is a check-up?”, with the answer your receptionist gives."
      willShow={[
        "Each intent with example phrasings patients use",
        "Its answer in English and in Russian",
        "A switch to turn an intent on or off without deleting it",
      ]}
      firstStep={{ text: "Write down the ten questions your front desk hears most often, with the answers you give today." }}
    />
  );
}
