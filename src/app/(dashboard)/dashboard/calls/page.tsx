import type { Metadata } from "next";
import { CallsExplorer } from "@/components/calls/calls-explorer";
import { PageHeader } from "@/components/ui/page-header";
import { requireDashboardSession } from "@/server/auth/page-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Calls · Clinicall" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CallsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireDashboardSession("/dashboard/calls");
  const { call } = await searchParams;
  const initialCallId = typeof call === "string" && UUID.test(call) ? call : null;
  return (
    <>
      <PageHeader title="Calls" description="Every call your receptionist answered: who called, what was said and what happened." />
      <CallsExplorer initialCallId={initialCallId} />
    </>
  );
}
