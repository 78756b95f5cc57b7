import { ArrowRight, Check, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

/**
 * UpcomingArea: the page for a dashboard area whose feature is not available yet. It says
 * plainly what the area will show and what the clinic can do first, and shows no sample data.
 */
export interface UpcomingAreaProps {
  title: string;
  description: string;
  icon: LucideIcon;
  emptyTitle: string;
  emptyDescription: string;
  /** What will appear here, as short phrases. */
  willShow: string[];
  /** The first useful step, with an optional link to where it happens. */
  firstStep: { text: string; href?: string; label?: string };
}

export function UpcomingArea({ title, description, icon, emptyTitle, emptyDescription, willShow, firstStep }: UpcomingAreaProps) {
  return (
    <>
      <PageHeader title={title} description={description} actions={<Badge tone="neutral">Not available yet</Badge>} />
      <EmptyState
        icon={icon}
        title={emptyTitle}
        description={emptyDescription}
        action={
          firstStep.href ? (
            <Link href={firstStep.href} className={buttonClasses("secondary", "md")}>
              {firstStep.label}
              <ArrowRight aria-hidden="true" />
            </Link>
          ) : undefined
        }
      >
        <div className="rounded-lg border border-slate-200 bg-slate-50/70 p-4">
          <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">What you&apos;ll find here</p>
          <ul className="mt-3 space-y-2">
            {willShow.map((item) => (
              <li key={item} className="flex gap-2.5 text-sm text-slate-700">
                <Check className="mt-0.5 size-4 shrink-0 text-brand-600" aria-hidden="true" />
                {item}
              </li>
            ))}
          </ul>
          <p className="mt-4 border-t border-slate-200 pt-3 text-sm text-slate-600">
            <span className="font-medium text-slate-900">First step: </span>
            {firstStep.text}
          </p>
        </div>
      </EmptyState>
    </>
  );
}
