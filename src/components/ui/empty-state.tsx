import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/**
 * EmptyState: what a list or area shows before it has anything, and what to do first.
 *   <EmptyState icon={Phone} title="No calls yet" description="..." action={<Button/>} />
 * `children` renders below the description (e.g. a short list of what will appear here).
 */
export interface EmptyStateProps {
  icon: LucideIcon;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  children?: ReactNode;
  /** "card" draws its own dashed frame; "plain" sits inside an existing Card. */
  variant?: "card" | "plain";
  /** Less vertical space, for empty states inside a small card. */
  compact?: boolean;
  /** Heading level of the title: h2 on a page with its own h1 (default), h3 inside a titled Card, h1 when it is the page. */
  titleAs?: "h1" | "h2" | "h3";
  className?: string;
}

export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  children,
  variant = "card",
  compact,
  titleAs: Title = "h2",
  className,
}: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center px-6 text-center",
        compact ? "py-8" : "py-12",
        variant === "card" && "rounded-xl border border-dashed border-slate-300 bg-white",
        className,
      )}
    >
      <div className="flex size-11 items-center justify-center rounded-full bg-brand-50 text-brand-600 ring-8 ring-brand-50/50">
        <Icon className="size-5" aria-hidden="true" />
      </div>
      <Title className="mt-5 text-base font-semibold text-slate-900">{title}</Title>
      {description && <p className="mt-1.5 max-w-md text-sm leading-relaxed text-slate-500">{description}</p>}
      {children && <div className="mt-5 w-full max-w-md text-left">{children}</div>}
      {action && <div className="mt-6 flex flex-wrap justify-center gap-2">{action}</div>}
    </div>
  );
}
