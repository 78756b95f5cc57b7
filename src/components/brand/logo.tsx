import { AudioLines } from "lucide-react";
import { cn } from "@/lib/cn";

/** Logo: the Clinicall mark and wordmark. `markOnly` for tight spaces. */
export function Logo({ className, markOnly = false }: { className?: string; markOnly?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2", className)}>
      <span className="flex size-7 items-center justify-center rounded-lg bg-gradient-to-br from-brand-500 to-brand-700 text-white shadow-sm">
        <AudioLines className="size-4" aria-hidden="true" strokeWidth={2.25} />
      </span>
      {markOnly ? (
        <span className="sr-only">Clinicall</span>
      ) : (
        <span className="text-[15px] font-semibold tracking-tight text-slate-900">Clinicall</span>
      )}
    </span>
  );
}
