import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/**
 * What an emailed link's page shows when it has an answer: the page's h1 saying what happened
 * (done, expired, used, not valid, …), a sentence on what to do, and the one next step.
 */
export function LinkOutcome({
  icon: Icon,
  tone,
  title,
  children,
  action,
  testId,
}: {
  icon: LucideIcon;
  tone: "success" | "warning" | "danger" | "busy";
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  const colours = {
    success: "bg-emerald-50 text-emerald-600 ring-emerald-50/60",
    warning: "bg-amber-50 text-amber-600 ring-amber-50/60",
    danger: "bg-red-50 text-red-600 ring-red-50/60",
    busy: "bg-slate-100 text-slate-500 ring-slate-100/60",
  }[tone];
  return (
    <div data-testid={testId} data-outcome={tone}>
      <div className={cn("mb-6 flex size-11 items-center justify-center rounded-full ring-8", colours)}>
        <Icon className={cn("size-5", tone === "busy" && "animate-spin")} aria-hidden="true" />
      </div>
      <div className="space-y-2" role={tone === "busy" ? undefined : "status"}>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {children && <div className="text-sm leading-relaxed break-words text-slate-600">{children}</div>}
      </div>
      {action && <div className="mt-8 flex flex-wrap items-center gap-3">{action}</div>}
    </div>
  );
}
