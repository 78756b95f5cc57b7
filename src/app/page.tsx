import { ArrowRight, CalendarCheck, FileText, Languages, PhoneCall } from "lucide-react";
import Link from "next/link";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { Logo } from "@/components/brand/logo";
import { buttonClasses } from "@/components/ui/button";
import { getPageSession } from "@/server/auth/page-session";

const features = [
  { icon: PhoneCall, title: "home.feature.calls.title", text: "home.feature.calls.text" },
  { icon: Languages, title: "home.feature.languages.title", text: "home.feature.languages.text" },
  { icon: CalendarCheck, title: "home.feature.booking.title", text: "home.feature.booking.text" },
  { icon: FileText, title: "home.feature.record.title", text: "home.feature.record.text" },
] as const;

export default async function HomePage() {
  await connection();
  const signedIn = Boolean(await getPageSession());
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen flex-col bg-white">
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-6 py-5">
        <Logo />
        <nav aria-label={t("home.account")} className="flex items-center gap-2">
          {signedIn ? (
            <Link href="/dashboard" className={buttonClasses("primary", "md")}>
              {t("home.goToDashboard")}
              <ArrowRight aria-hidden="true" />
            </Link>
          ) : (
            <>
              <Link href="/login" className={buttonClasses("ghost", "md")}>
                {t("auth.logIn")}
              </Link>
              <Link href="/signup" className={buttonClasses("primary", "md")}>
                {t("home.signUp")}
              </Link>
            </>
          )}
        </nav>
      </header>

      <main className="flex-1">
        <section className="relative overflow-hidden border-b border-slate-100">
          <div
            className="pointer-events-none absolute inset-0"
            style={{ background: "radial-gradient(56rem 26rem at 50% 30%, var(--color-brand-50), transparent 70%)" }}
            aria-hidden="true"
          />
          <div className="relative mx-auto max-w-3xl px-6 pt-20 pb-24 text-center sm:pt-28">
            <p className="inline-flex items-center gap-2 rounded-full border border-brand-200 bg-white px-3 py-1 text-xs font-medium text-brand-700">
              <span className="size-1.5 rounded-full bg-brand-500" aria-hidden="true" />
              {t("home.badge")}
            </p>
            <h1 className="mt-6 text-4xl font-semibold tracking-tight text-balance text-slate-900 sm:text-5xl">{t("home.headline")}</h1>
            <p className="mx-auto mt-5 max-w-2xl text-lg leading-relaxed text-pretty text-slate-600">{t("home.lead")}</p>
            <div className="mt-9 flex flex-wrap justify-center gap-3">
              {signedIn ? (
                <Link href="/dashboard" className={buttonClasses("primary", "lg")}>
                  {t("home.goToDashboard")}
                  <ArrowRight aria-hidden="true" />
                </Link>
              ) : (
                <>
                  <Link href="/signup" className={buttonClasses("primary", "lg")}>
                    {t("home.setUp")}
                    <ArrowRight aria-hidden="true" />
                  </Link>
                  <Link href="/login" className={buttonClasses("secondary", "lg")}>
                    {t("auth.logIn")}
                  </Link>
                </>
              )}
            </div>
          </div>
        </section>

        <section aria-labelledby="features-title" className="mx-auto max-w-6xl px-6 py-20">
          <h2 id="features-title" className="sr-only">
            {t("home.whatItDoes")}
          </h2>
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {features.map(({ icon: Icon, title, text }) => (
              <li key={title} className="rounded-xl border border-slate-200 bg-white p-5 shadow-card">
                <span className="flex size-9 items-center justify-center rounded-lg bg-brand-50 text-brand-600">
                  <Icon className="size-5" aria-hidden="true" />
                </span>
                <h3 className="mt-4 text-sm font-semibold text-slate-900">{t(title)}</h3>
                <p className="mt-1.5 text-sm leading-relaxed text-slate-500">{t(text)}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>

      <footer className="border-t border-slate-100">
        <div className="mx-auto flex max-w-6xl flex-col gap-1 px-6 py-6 text-sm text-slate-500 sm:flex-row sm:items-center sm:justify-between">
          <span>© Clinicall</span>
          <span>{t("home.footer")}</span>
        </div>
      </footer>
    </div>
  );
}
