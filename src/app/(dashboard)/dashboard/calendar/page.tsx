import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CalendarManager } from "@/components/calendar/calendar-manager";
import { PageHeader } from "@/components/ui/page-header";
import { type SearchParams, single } from "@/lib/search-params";
import { requireDashboardSession } from "@/server/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.calendar") };
}

export default async function CalendarPage({ searchParams }: { searchParams: SearchParams }) {
  const { organisation } = await requireDashboardSession("/dashboard/calendar");
  const params = await searchParams;
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("calendar.title")} description={t("calendar.description", { clinic: organisation.name })} />
      <CalendarManager
        canManage={organisation.role !== "member"}
        outcome={{ connected: single(params.connected) === "1", error: single(params.error) }}
      />
    </>
  );
}
