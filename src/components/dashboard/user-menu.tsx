"use client";

import { ChevronsUpDown, LogOut, Settings, UserRound } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { focusRing } from "@/components/ui/styles";
import { apiFetch } from "@/lib/api-client";
import { cn } from "@/lib/cn";

/** The signed-in person's email at the foot of the sidebar: their Account page, the clinic's settings, Log out. */
export function UserMenu({ email }: { email: string }) {
  const router = useRouter();
  const t = useTranslations();

  async function logOut() {
    await apiFetch("/api/auth/logout", { method: "POST" });
    router.replace("/login");
    router.refresh();
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={cn(
          "flex w-full items-center gap-2.5 rounded-lg px-2 py-1.5 text-left transition-colors hover:bg-slate-200/50 data-[state=open]:bg-slate-200/60",
          focusRing,
        )}
        aria-label={t("nav.account", { email })}
      >
        {/* The initial is generated content, not text: the button's visible text (the email) must be inside its name. */}
        <span
          className="flex size-7 shrink-0 items-center justify-center rounded-full bg-slate-800 text-xs font-semibold text-white before:content-[attr(data-initial)]"
          data-initial={email.charAt(0).toUpperCase()}
          aria-hidden="true"
        />
        <span className="min-w-0 flex-1 truncate text-sm text-slate-700" data-testid="user-email">
          {email}
        </span>
        <ChevronsUpDown className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
      </DropdownMenuTrigger>
      <DropdownMenuContent side="top" align="start" className="w-60">
        <DropdownMenuLabel className="truncate">{email}</DropdownMenuLabel>
        <DropdownMenuItem asChild>
          <Link href="/dashboard/account">
            <UserRound aria-hidden="true" />
            {t("nav.yourAccount")}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/dashboard/settings">
            <Settings aria-hidden="true" />
            {t("nav.clinicSettings")}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={logOut}>
          <LogOut aria-hidden="true" />
          {t("auth.logOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
