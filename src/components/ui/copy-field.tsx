"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { CopyButton } from "./copy-button";
import { Label } from "./label";

/** CopyField: a read-only value (a link, a key) with a Copy button beside it; click selects it all. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const t = useTranslations();
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2.5 font-mono text-xs text-slate-700 outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-500/20"
        />
        <CopyButton value={value} label={t("team.invite.copy")} />
      </div>
    </div>
  );
}
