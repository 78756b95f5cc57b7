import { useTranslations } from "next-intl";
import { cn } from "@/lib/cn";

/** Skeleton: a grey placeholder block while data loads. Size it with className (h-4 w-32). */
export function Skeleton({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded-md bg-slate-200/70", className)} aria-hidden="true" />;
}

/** SkeletonRows: a few lines of placeholder for a loading list; announces "Loading" to screen readers. */
export function SkeletonRows({ rows = 3, label }: { rows?: number; label?: string }) {
  const t = useTranslations();
  return (
    <div className="space-y-3 px-5 py-4" role="status">
      <span className="sr-only">{label ?? t("common.loading")}</span>
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows; position is their only identity.
        <div key={index} className="flex items-center gap-4">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-4 w-16" />
          <Skeleton className="ml-auto h-4 w-24" />
        </div>
      ))}
    </div>
  );
}
