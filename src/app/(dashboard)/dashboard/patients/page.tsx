import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PatientsExplorer } from "@/components/patients/patients-explorer";
import { PageHeader } from "@/components/ui/page-header";
import { requireDashboardSession } from "@/server/auth/page-session";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.patients") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireDashboardSession("/dashboard/patients");
  const { patient } = await searchParams;
  const initialPatientId = typeof patient === "string" && UUID.test(patient) ? patient : null;
  const canErase = session.organisation.role === "owner" || session.organisation.role === "admin";
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("patients.title")} description={t("patients.description")} />
      <PatientsExplorer initialPatientId={initialPatientId} canErase={canErase} />
    </>
  );
}
