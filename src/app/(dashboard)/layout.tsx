import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { requireDashboardSession } from "@/server/auth/page-session";

/**
 * The dashboard frame. Each page also calls requireDashboardSession(itsPath) itself, so a
 * visitor without a session is sent to /login?next=<that page>; this call is the fallback.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { user, organisations, organisation } = await requireDashboardSession("/dashboard");
  return (
    <DashboardShell email={user.email} organisations={organisations} current={organisation}>
      {children}
    </DashboardShell>
  );
}
