import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** One figure with its label and a short note, for rows of key numbers. */
export function StatCard({ label, value, note, icon: Icon }: { label: string; value: ReactNode; note?: ReactNode; icon?: LucideIcon }) {
  return (
    <Card className="px-4 py-3.5">
      <div className="flex items-center justify-between gap-2">
        <p className="text-[13px] font-medium text-slate-500">{label}</p>
        {Icon && <Icon className="size-4 text-slate-500" aria-hidden="true" />}
      </div>
      <p className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">{value}</p>
      {note && <p className="mt-0.5 text-xs text-slate-500">{note}</p>}
    </Card>
  );
}
