import Link from "next/link";
import type { ReactNode } from "react";
import { BillingBanner } from "@/components/billing/billing-banner";
import { Logo } from "@/components/brand/logo";
import type { OrganisationSummary } from "@/lib/api-types";
import { ClinicTimeProvider } from "@/lib/clinic-time";
import { MobileNav } from "./mobile-nav";
import { Sidebar } from "./sidebar";
import { VerifyEmailNotice } from "./verify-email-notice";

export interface DashboardShellProps {
  email: string;
  organisations: OrganisationSummary[];
  current: OrganisationSummary;
  /** Demo mode: the navigation has the Demo inbox. */
  demo: boolean;
  /** The person's address while it is unconfirmed: a notice above every page asks to confirm it. */
  unconfirmedEmail?: string;
  children: ReactNode;
}

/**
 * The frame of every dashboard page: a fixed sidebar on wide screens, a top bar with a drawer
 * on narrow ones. The content is keyed by clinic, so switching clinic remounts the page and no
 * client state from the previous clinic survives. Every page opens with the billing notice, if any
 * (BillingBanner).
 */
export function DashboardShell({ email, organisations, current, demo, unconfirmedEmail, children }: DashboardShellProps) {
  const sidebar = { email, organisations, current, demo };
  return (
    <div className="min-h-screen lg:pl-64">
      <aside className="fixed bottom-0 left-0 top-[var(--demo-banner-height,0px)] z-30 hidden w-64 border-r border-slate-200 bg-slate-100/70 lg:block">
        <Sidebar {...sidebar} />
      </aside>
      <header className="sticky top-0 z-20 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/90 px-3 backdrop-blur lg:hidden">
        <MobileNav {...sidebar} />
        <Link href="/dashboard" className="rounded-md">
          <Logo />
        </Link>
        <span className="ml-auto max-w-[45%] truncate text-sm font-medium text-slate-600">{current.name}</span>
      </header>
      <main key={current.id} className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 lg:px-10 lg:py-10">
        {unconfirmedEmail && <VerifyEmailNotice email={unconfirmedEmail} demo={demo} />}
        <ClinicTimeProvider timeZone={current.timezone}>
          <BillingBanner role={current.role} />
          {children}
        </ClinicTimeProvider>
      </main>
    </div>
  );
}
