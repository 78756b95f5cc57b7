import { ArrowRight, Check } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import type { MessageKey } from "@/i18n/keys";
import { cn } from "@/lib/cn";

/** One thing a clinic sets up before the receptionist can take calls. "default" = works, but review it. */
export interface SetupStep {
  key: string;
  /** Catalogue keys (messages/*.json). */
  title: MessageKey;
  description: MessageKey;
  href: string;
  actionLabel: MessageKey;
  status: "done" | "todo" | "default";
  /** A short fact shown beside the title ("2 numbers", "Using Mon–Fri, 09:00–17:00"); `count` for plurals. */
  detail?: { key: MessageKey; count?: number };
}

/** SetupChecklist: the numbered steps with progress, each linking to the page that completes it. */
export function SetupChecklist({ steps, canEdit }: { steps: SetupStep[]; canEdit: boolean }) {
  const done = steps.filter((step) => step.status === "done").length;
  const percent = Math.round((done / steps.length) * 100);
  const t = useTranslations();
  return (
    <Card aria-labelledby="setup-title">
      <CardHeader
        title={<span id="setup-title">{t("setup.title")}</span>}
        description={canEdit ? t("setup.descriptionEditor") : t("setup.descriptionViewer")}
      />
      <div className="flex items-center gap-3 px-5 pt-4">
        <div
          className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-label={t("setup.progress")}
          aria-valuemin={0}
          aria-valuemax={steps.length}
          aria-valuenow={done}
        >
          <div className="h-full rounded-full bg-brand-500 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <span className="shrink-0 text-[13px] font-medium text-slate-600">{t("setup.doneCount", { done, total: steps.length })}</span>
      </div>
      <ol className="mt-3 divide-y divide-slate-100" aria-label={t("setup.steps")}>
        {steps.map((step, index) => (
          <SetupRow key={step.key} step={step} number={index + 1} canEdit={canEdit} />
        ))}
      </ol>
    </Card>
  );
}

function SetupRow({ step, number, canEdit }: { step: SetupStep; number: number; canEdit: boolean }) {
  const done = step.status === "done";
  const t = useTranslations();
  const title = t(step.title);
  const action = done || !canEdit ? t("setup.open") : t(step.actionLabel);
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
          <span className={cn("text-sm font-medium", done ? "text-slate-500" : "text-slate-900")}>{title}</span>
          <span className="sr-only">
            {done ? t("setup.statusDone") : step.status === "default" ? t("setup.statusDefault") : t("setup.statusTodo")}
          </span>
          {step.detail && <Badge tone={done ? "success" : "neutral"}>{t(step.detail.key, { count: step.detail.count ?? 0 })}</Badge>}
        </p>
        <p className="mt-0.5 text-sm text-slate-500">{t(step.description)}</p>
      </div>
      <Link
        href={step.href}
        className={buttonClasses(done || !canEdit ? "ghost" : "secondary", "sm")}
        aria-label={t("setup.stepLink", { action, title })}
      >
        {action}
        <ArrowRight aria-hidden="true" />
      </Link>
    </li>
  );
}
