import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** The body of a 404 or error page: an icon, what happened, and where to go from here. */
export function StatusPageBody({
  icon: Icon,
  code,
  title,
  description,
  actions,
}: {
  icon: LucideIcon;
  code: string;
  title: string;
  description: ReactNode;
  actions: ReactNode;
}) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center py-16 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-brand-50 text-brand-700 ring-1 ring-brand-100">
        <Icon className="size-6" aria-hidden="true" />
      </span>
      <p className="mt-5 text-sm font-semibold text-brand-700">{code}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <div className="mt-3 text-[15px] text-slate-600">{description}</div>
      <div className="mt-8 flex flex-wrap justify-center gap-3">{actions}</div>
    </div>
  );
}
