"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { focusRing } from "@/components/ui/styles";
import { cn } from "@/lib/cn";
import { UNREAD_COUNT_PATH } from "@/lib/message-types";
import { useApiResource } from "@/lib/use-api-resource";
import { isActive, visibleNavGroups } from "./nav-items";

/** The dashboard's navigation links, grouped, with the current page marked (aria-current). */
export function SidebarNav({ demo, onNavigate }: { demo: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  const t = useTranslations();
  const unread = useApiResource<{ unread_count: number }>(UNREAD_COUNT_PATH).data?.unread_count ?? 0;
  return (
    <nav aria-label={t("nav.label")} className="space-y-6">
      {visibleNavGroups(demo).map((group, index) => (
        <div key={group.label ?? index}>
          {group.label && (
            <p className="mb-1.5 px-2.5 text-[11px] font-semibold tracking-wider text-slate-600 uppercase">{t(group.label)}</p>
          )}
          <ul className="space-y-0.5">
            {group.items.map(({ href, label, icon: Icon, badge }) => {
              const active = isActive(href, pathname);
              return (
                <li key={href}>
                  <Link
                    href={href}
                    onClick={onNavigate}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "flex h-8 items-center gap-2.5 rounded-md px-2.5 text-sm transition-colors",
                      focusRing,
                      active
                        ? "bg-white font-medium text-slate-900 shadow-xs ring-1 ring-slate-200"
                        : "text-slate-600 hover:bg-slate-200/50 hover:text-slate-900",
                    )}
                  >
                    <Icon className={cn("size-4 shrink-0", active ? "text-brand-600" : "text-slate-500")} aria-hidden="true" />
                    {t(label)}
                    {badge === "unread-messages" && unread > 0 && (
                      <span className="ml-auto rounded-full bg-brand-600 px-1.5 text-[11px] leading-4 font-semibold text-white tabular-nums">
                        <span aria-hidden="true">{unread > 99 ? "99+" : unread}</span>
                        <span className="sr-only">{t("nav.unreadCount", { count: unread })}</span>
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
