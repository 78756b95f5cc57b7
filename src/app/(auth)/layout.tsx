import { CalendarCheck, Languages, PhoneCall } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Logo } from "@/components/brand/logo";

const points = [
  { icon: PhoneCall, key: "auth.layout.pointCalls" },
  { icon: Languages, key: "auth.layout.pointLanguages" },
  { icon: CalendarCheck, key: "auth.layout.pointCalendar" },
] as const;

/** Sign up, log in and create-your-clinic: a form column and, on wide screens, a short product panel. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations();
  return (
    <div className="grid min-h-screen lg:grid-cols-[minmax(0,1fr)_minmax(0,1.05fr)]">
      <div className="flex flex-col bg-white px-6 py-8 sm:px-10">
        <header className="self-start">
          <Link href="/" className="inline-flex rounded-md">
            <Logo />
          </Link>
        </header>
        <main className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center py-12">{children}</main>
        <footer className="text-xs text-slate-600">© Clinicall</footer>
      </div>
      <aside className="relative hidden overflow-hidden bg-brand-950 lg:flex lg:flex-col lg:justify-center lg:px-16">
        <div
          className="absolute inset-0 opacity-60"
          style={{
            backgroundImage:
              "radial-gradient(60rem 40rem at 110% -10%, rgb(19 164 122 / 0.45), transparent 60%), radial-gradient(40rem 30rem at -20% 120%, rgb(19 164 122 / 0.25), transparent 60%)",
          }}
          aria-hidden="true"
        />
        <div className="relative max-w-md">
          <p className="text-sm font-medium text-brand-300">{t("auth.layout.tagline")}</p>
          <h2 className="mt-3 text-3xl leading-tight font-semibold tracking-tight text-white">{t("auth.layout.headline")}</h2>
          <ul className="mt-10 space-y-5">
            {points.map(({ icon: Icon, key }) => (
              <li key={key} className="flex gap-3.5 text-[15px] leading-relaxed text-brand-50/85">
                <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md bg-white/10 ring-1 ring-white/15">
                  <Icon className="size-4 text-brand-200" aria-hidden="true" />
                </span>
                {t(key)}
              </li>
            ))}
          </ul>
        </div>
      </aside>
    </div>
  );
}
