import type { Metadata } from "next";
import { MessagesInbox } from "@/components/messages/messages-inbox";
import { PageHeader } from "@/components/ui/page-header";
import { requireDashboardSession } from "@/server/auth/page-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Messages · Clinicall" };

export default async function MessagesPage() {
  const current = await requireDashboardSession("/dashboard/messages");
  return (
    <>
      <PageHeader
        title="Messages"
        description="Messages, callback requests and voicemails callers left for the team. Take one, call back, mark it done."
      />
      <MessagesInbox currentUserId={current.user.id} />
    </>
  );
}
