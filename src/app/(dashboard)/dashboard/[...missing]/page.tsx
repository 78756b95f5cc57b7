import { notFound } from "next/navigation";
import { requireDashboardSession } from "@/server/auth/page-session";

/** A dashboard address that is no page: the dashboard's 404, inside its navigation (signed-out visitors log in first). */
export default async function MissingDashboardPage({ params }: { params: Promise<{ missing: string[] }> }) {
  const { missing } = await params;
  await requireDashboardSession(`/dashboard/${missing.map(encodeURIComponent).join("/")}`);
  notFound();
}
