import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/cn";

/**
 * Card: a white bordered surface that groups one topic.
 *   <Card>
 *     <CardHeader title="Members" description="People who can sign in to this clinic." actions={<Button/>} />
 *     <CardContent>...</CardContent>
 *     <CardFooter>...</CardFooter>
 *   </Card>
 * Use <CardContent flush> around a Table so rows run edge to edge.
 */
export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("rounded-xl border border-slate-200 bg-white shadow-card", className)} {...props} />;
}

export interface CardHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Heading level for the title; defaults to h2. */
  as?: "h2" | "h3";
  className?: string;
}

export function CardHeader({ title, description, actions, as: Heading = "h2", className }: CardHeaderProps) {
  return (
    <div className={cn("flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-5 pt-5", className)}>
      <div className="min-w-0 space-y-1">
        <Heading className="text-[15px] font-semibold text-slate-900">{title}</Heading>
        {description && <p className="text-sm text-slate-500">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </div>
  );
}

export function CardContent({ className, flush, ...props }: HTMLAttributes<HTMLDivElement> & { flush?: boolean }) {
  return <div className={cn(flush ? "mt-4" : "px-5 py-5", className)} {...props} />;
}

export function CardFooter({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cn(
        "flex flex-wrap items-center justify-between gap-3 rounded-b-xl border-t border-slate-200 bg-slate-50/70 px-5 py-3 text-sm text-slate-500",
        className,
      )}
      {...props}
    />
  );
}
