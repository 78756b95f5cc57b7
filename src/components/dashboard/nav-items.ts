import {
  BarChart3,
  Bot,
  CalendarDays,
  Clock,
  CreditCard,
  LayoutDashboard,
  type LucideIcon,
  MessageSquareText,
  Phone,
  PhoneCall,
  Settings,
  Users,
} from "lucide-react";

/** Every area of the dashboard, in sidebar order. Add a page here to put it in the navigation. */
export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

export interface NavGroup {
  label: string | null;
  items: NavItem[];
}

export const navGroups: NavGroup[] = [
  {
    label: null,
    items: [
      { href: "/dashboard", label: "Overview", icon: LayoutDashboard },
      { href: "/dashboard/calls", label: "Calls", icon: PhoneCall },
      { href: "/dashboard/analytics", label: "Analytics", icon: BarChart3 },
    ],
  },
  {
    label: "Receptionist",
    items: [
      { href: "/dashboard/intents", label: "Intents", icon: MessageSquareText },
      { href: "/dashboard/phone-numbers", label: "Phone numbers", icon: Phone },
      { href: "/dashboard/working-hours", label: "Working hours", icon: Clock },
      { href: "/dashboard/assistant", label: "Assistant", icon: Bot },
      { href: "/dashboard/calendar", label: "Calendar", icon: CalendarDays },
    ],
  },
  {
    label: "Clinic",
    items: [
      { href: "/dashboard/team", label: "Team", icon: Users },
      { href: "/dashboard/billing", label: "Billing", icon: CreditCard },
      { href: "/dashboard/settings", label: "Settings", icon: Settings },
    ],
  },
];

export function isActive(href: string, pathname: string): boolean {
  if (href === "/dashboard") return pathname === "/dashboard";
  return pathname === href || pathname.startsWith(`${href}/`);
}
