import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import type { OrganisationSummary } from "@/lib/api-types";
import { OrgSwitcher } from "./org-switcher";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

export interface SidebarProps {
  email: string;
  organisations: OrganisationSummary[];
  current: OrganisationSummary;
  /** Demo mode: demo-only areas (the Demo inbox) are listed. */
  demo: boolean;
  /** Called when a link is followed (closes the mobile drawer). */
  onNavigate?: () => void;
}

/** Sidebar: clinic switcher, navigation for every area, and the account menu. */
export function Sidebar({ email, organisations, current, demo, onNavigate }: SidebarProps) {
  return (
    <div className="flex h-full flex-col">
      <div className="space-y-4 px-3 pt-4 pb-3">
        <Link href="/dashboard" className="inline-flex rounded-md px-2" onClick={onNavigate}>
          <Logo />
        </Link>
        <OrgSwitcher organisations={organisations} current={current} />
      </div>
      <div className="flex-1 overflow-y-auto px-3 py-2">
        <SidebarNav demo={demo} onNavigate={onNavigate} />
      </div>
      <div className="border-t border-slate-200 p-3">
        <UserMenu email={email} />
      </div>
    </div>
  );
}
