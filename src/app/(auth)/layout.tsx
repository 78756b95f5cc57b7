import { CalendarCheck, Languages, PhoneCall } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/brand/logo";

const points = [
  { icon: PhoneCall, text: "Answers every call, day and night, and never puts a patient on hold." },
  { icon: Languages, text: "Speaks English and Russian, switching with the caller." },
  { icon: CalendarCheck, text: "Books appointments straight into your Google Calendar." },
];

/** Sign up, log in and create-your-clinic: a form column and, on wide screens, a short product panel. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="grid min-h-screen lg:grid-cols-[minmax(0,1fr)_minmax(0,1.05fr)]">
      <div className="flex flex-col bg-white px-6 py-8 sm:px-10">
        <Link href="/" className="self-start rounded-md">
          <Logo />
        </Link>
        <main className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center py-12">{children}</main>
        <p className="text-xs text-slate-400">© Clinicall</p>
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
          <p className="text-sm font-medium text-brand-300">The AI receptionist for clinics</p>
          <h2 className="mt-3 text-3xl leading-tight font-semibold tracking-tight text-white">
            Every call answered. Every appointment in the calendar.
          </h2>
          <ul className="mt-10 space-y-5">
            {points.map(({ icon: Icon, text }) => (
              <li key={text} className="flex gap-3.5 text-[15px] leading-relaxed text-brand-50/85">
                <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md bg-white/10 ring-1 ring-white/15">
                  <Icon className="size-4 text-brand-200" aria-hidden="true" />
                </span>
                {text}
              </li>
            ))}
          </ul>
        </div>
      </aside>
    </div>
  );
}
