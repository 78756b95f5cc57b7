import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MessagesInbox } from "@/components/messages/messages-inbox";
import { PageHeader } from "@/components/ui/page-header";
import { requireDashboardSession } from "@/server/auth/page-session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.messages") };
}

export default async function MessagesPage() {
  const current = await requireDashboardSession("/dashboard/messages");
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("inbox.title")} description={t("inbox.description")} />
      <MessagesInbox currentUserId={current.user.id} />
    </>
  );
}
