import { ArrowRight, Check } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/lib/cn";

/** One thing a clinic sets up before the receptionist can take calls. "default" = works, but review it. */
export interface SetupStep {
  key: string;
  title: string;
  description: string;
  href: string;
  actionLabel: string;
  status: "done" | "todo" | "default";
  /** A short fact shown beside the title ("2 numbers", "Using Mon–Fri, 09:00–17:00"). */
  detail?: string;
}

/** SetupChecklist: the numbered steps with progress, each linking to the page that completes it. */
export function SetupChecklist({ steps, canEdit }: { steps: SetupStep[]; canEdit: boolean }) {
  const done = steps.filter((step) => step.status === "done").length;
  const percent = Math.round((done / steps.length) * 100);
  return (
    <Card aria-labelledby="setup-title">
      <CardHeader
        title={<span id="setup-title">Set up your receptionist</span>}
        description={
          canEdit
            ? "Work through these in order. Calls start arriving once a phone number is connected."
            : "Admins and owners of this clinic complete these steps. You can follow the progress here."
        }
      />
      <div className="flex items-center gap-3 px-5 pt-4">
        <div
          className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-label="Setup progress"
          aria-valuemin={0}
          aria-valuemax={steps.length}
          aria-valuenow={done}
        >
          <div className="h-full rounded-full bg-brand-500 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <span className="shrink-0 text-[13px] font-medium text-slate-600">
          {done} of {steps.length} done
        </span>
      </div>
      <ol className="mt-3 divide-y divide-slate-100" aria-label="Setup steps">
        {steps.map((step, index) => (
          <SetupRow key={step.key} step={step} number={index + 1} canEdit={canEdit} />
        ))}
      </ol>
    </Card>
  );
}

function SetupRow({ step, number, canEdit }: { step: SetupStep; number: number; canEdit: boolean }) {
  const done = step.status === "done";
  return (
    <li className="flex items-center gap-4 px-5 py-4" data-testid={`setup-step-${step.key}`} data-status={step.status}>
      <span
        className={cn(
          "flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
          done ? "bg-brand-600 text-white" : "bg-white text-slate-500 ring-1 ring-slate-300",
        )}
        aria-hidden="true"
      >
        {done ? <Check className="size-4" strokeWidth={3} /> : number}
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className={cn("text-sm font-medium", done ? "text-slate-500" : "text-slate-900")}>{step.title}</span>
          <span className="sr-only">{done ? "(done)" : step.status === "default" ? "(using defaults)" : "(to do)"}</span>
          {step.detail && <Badge tone={done ? "success" : "neutral"}>{step.detail}</Badge>}
        </p>
        <p className="mt-0.5 text-sm text-slate-500">{step.description}</p>
      </div>
      <Link
        href={step.href}
        className={buttonClasses(done || !canEdit ? "ghost" : "secondary", "sm")}
        aria-label={`${done || !canEdit ? "Open" : step.actionLabel}: ${step.title}`}
      >
        {done || !canEdit ? "Open" : step.actionLabel}
        <ArrowRight aria-hidden="true" />
      </Link>
    </li>
  );
}
