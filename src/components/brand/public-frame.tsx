import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Logo } from "./logo";

/** The frame of a page outside the dashboard (404, error): the logo, the main places, a main landmark. */
export function PublicFrame({ children }: { children: ReactNode }) {
  const t = useTranslations();
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <header className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-3 px-6 py-5">
        <Link href="/" className="inline-flex rounded-md">
          <Logo />
        </Link>
        <nav aria-label={t("pages.nav.label")} className="flex items-center gap-4 text-sm font-medium text-slate-700">
          <Link href="/" className="rounded hover:text-slate-900 hover:underline">
            {t("pages.nav.home")}
          </Link>
          <Link href="/dashboard" className="rounded hover:text-slate-900 hover:underline">
            {t("pages.nav.dashboard")}
          </Link>
          <Link href="/login" className="rounded hover:text-slate-900 hover:underline">
            {t("pages.nav.login")}
          </Link>
        </nav>
      </header>
      <main className="flex-1 px-6">{children}</main>
      <footer className="px-6 py-6 text-center text-xs text-slate-600">© Clinicall</footer>
    </div>
  );
}
