import {
  BarChart3,
  Bot,
  CalendarDays,
  Clock,
  CreditCard,
  Inbox,
  LayoutDashboard,
  type LucideIcon,
  Mail,
  MessageSquareText,
  Phone,
  PhoneCall,
  ScrollText,
  Settings,
  UserRound,
  Users,
} from "lucide-react";
import type { MessageKey } from "@/i18n/keys";
import { DEMO_INBOX_PATH } from "@/shared/account-paths";

/**
 * Every area of the dashboard, in sidebar order. Add a page here to put it in the navigation;
 * `label` is a catalogue key (messages/*.json, "nav.…").
 */
interface NavItem {
  href: string;
  label: MessageKey;
  icon: LucideIcon;
  /** A live count shown beside the label (sidebar-nav.tsx reads it). */
  badge?: "unread-messages";
  /** Listed in demo mode only (the Demo inbox). */
  demoOnly?: boolean;
}

export interface NavGroup {
  label: MessageKey | null;
  items: NavItem[];
}

export const navGroups: NavGroup[] = [
  {
    label: null,
    items: [
      { href: "/dashboard", label: "nav.overview", icon: LayoutDashboard },
      { href: "/dashboard/calls", label: "nav.calls", icon: PhoneCall },
      { href: "/dashboard/patients", label: "nav.patients", icon: UserRound },
      { href: "/dashboard/messages", label: "nav.messages", icon: Inbox, badge: "unread-messages" },
      { href: "/dashboard/analytics", label: "nav.analytics", icon: BarChart3 },
    ],
  },
  {
    label: "nav.groupReceptionist",
    items: [
      { href: "/dashboard/intents", label: "nav.intents", icon: MessageSquareText },
      { href: "/dashboard/phone-numbers", label: "nav.phoneNumbers", icon: Phone },
      { href: "/dashboard/working-hours", label: "nav.workingHours", icon: Clock },
      { href: "/dashboard/assistant", label: "nav.assistant", icon: Bot },
      { href: "/dashboard/calendar", label: "nav.calendar", icon: CalendarDays },
    ],
  },
  {
    label: "nav.groupClinic",
    items: [
      { href: "/dashboard/team", label: "nav.team", icon: Users },
      { href: "/dashboard/audit", label: "nav.audit", icon: ScrollText },
      { href: "/dashboard/billing", label: "nav.billing", icon: CreditCard },
      { href: "/dashboard/settings", label: "nav.settings", icon: Settings },
    ],
  },
  {
    label: "nav.groupDemo",
    items: [{ href: DEMO_INBOX_PATH, label: "nav.demoInbox", icon: Mail, demoOnly: true }],
  },
];

/** The groups as the navigation shows them: demo-only items outside demo mode left out, empty groups too. */
export function visibleNavGroups(demo: boolean): NavGroup[] {
  return navGroups
    .map((group) => ({ ...group, items: group.items.filter((item) => demo || !item.demoOnly) }))
    .filter((group) => group.items.length > 0);
}

export function isActive(href: string, pathname: string): boolean {
  if (href === "/dashboard") return pathname === "/dashboard";
  return pathname === href || pathname.startsWith(`${href}/`);
}
