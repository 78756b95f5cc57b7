"use client";

import { CheckCircle2, XCircle } from "lucide-react";
import { cn } from "@/lib/cn";

/**
 * InlineStatus: a one-line result next to a form's button ("Saved", or the error), announced
 * politely. Pass null to show nothing while keeping the live region mounted.
 */
export interface InlineStatusProps {
  status: { tone: "success" | "error"; message: string } | null;
  className?: string;
}

export function InlineStatus({ status, className }: InlineStatusProps) {
  return (
    <p aria-live="polite" className={cn("flex min-h-5 items-center gap-1.5 text-sm", className)}>
      {status?.tone === "success" && <CheckCircle2 className="size-4 text-emerald-600" aria-hidden="true" />}
      {status?.tone === "error" && <XCircle className="size-4 text-red-600" aria-hidden="true" />}
      {status && <span className={status.tone === "success" ? "text-emerald-700" : "font-medium text-red-700"}>{status.message}</span>}
    </p>
  );
}
