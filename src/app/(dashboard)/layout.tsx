import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { SignInRedirect } from "@/components/dashboard/sign-in-redirect";
import { ErasureBanner } from "@/components/privacy/erasure-banner";
import { getPageSession } from "@/server/auth/page-session";
import { getConfig } from "@/server/config";
import { emailEnabled } from "@/server/email/email-status";
import { getPrivacyStatus } from "@/server/privacy/privacy-status";

/**
 * The dashboard frame. Each page calls requireDashboardSession(itsPath) itself, which sends a
 * signed-out visitor to /login?next=<that page> on the server. The layout does not redirect
 * to log in (it cannot know the page's path, and its redirect would win); it only falls back
 * to a client-side redirect if a page forgot the check.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const current = await getPageSession();
  if (!current) return <SignInRedirect />;
  if (!current.organisation) redirect("/create-clinic");
  const privacy = await getPrivacyStatus({ userId: current.user.id, organisationId: current.organisation.id });
  return (
    <DashboardShell
      email={current.user.email}
      organisations={current.organisations}
      current={current.organisation}
      demo={getConfig().demo}
      // Unconfirmed addresses are asked to confirm only while email can reach them (decision 015).
      unconfirmedEmail={!current.user.emailVerified && emailEnabled() ? current.user.email : undefined}
    >
      {privacy.erasureDueAt && (
        <ErasureBanner
          dueAt={privacy.erasureDueAt}
          timeZone={current.organisation.timezone}
          isOwner={current.organisation.role === "owner"}
        />
      )}
      {children}
    </DashboardShell>
  );
}
