"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useId } from "react";
import { cn } from "@/lib/cn";
import { FieldContext, type FieldControlProps } from "./field-context";
import { Label } from "./label";

/**
 * Field: a label, one control, an optional hint and an error, wired for screen readers.
 * The control inside (Input, Select, Textarea) picks up id, aria-describedby and aria-invalid
 * automatically; the error is announced (aria-live) when it appears.
 *
 *   <Field label="Email" error={form.errors.email} hint="We'll never share it.">
 *     <Input type="email" {...form.register("email")} />
 *   </Field>
 */
export interface FieldProps {
  label: ReactNode;
  children: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Shows "Optional" next to the label. */
  optional?: boolean;
  /** Content on the right of the label row (e.g. a "Forgot?" link). */
  labelAside?: ReactNode;
  className?: string;
  id?: string;
}

export function Field({ label, children, hint, error, optional, labelAside, className, id }: FieldProps) {
  const generated = useId();
  const t = useTranslations();
  const controlId = id ?? `field-${generated}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = `${controlId}-error`;
  const control: FieldControlProps = {
    id: controlId,
    "aria-describedby": [error ? errorId : null, hintId].filter(Boolean).join(" ") || undefined,
    "aria-invalid": error ? true : undefined,
  };
  return (
    <div className={cn("space-y-1.5", className)}>
      <div className="flex items-baseline justify-between gap-3">
        <Label htmlFor={controlId}>
          {label}
          {optional && <span className="ml-1.5 font-normal text-slate-500">{t("common.optional")}</span>}
        </Label>
        {labelAside}
      </div>
      <FieldContext.Provider value={control}>{children}</FieldContext.Provider>
      {hint && !error && (
        <p id={hintId} className="text-[13px] text-slate-500">
          {hint}
        </p>
      )}
      <p id={errorId} aria-live="polite" className={cn("text-[13px] font-medium text-red-600", !error && "sr-only")}>
        {error ?? ""}
      </p>
    </div>
  );
}
