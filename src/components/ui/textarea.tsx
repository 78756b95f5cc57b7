"use client";

import type { Ref, TextareaHTMLAttributes } from "react";
import { cn } from "@/lib/cn";
import { useFieldControl } from "./field-context";
import { controlBase, controlInvalid, controlValid } from "./styles";

/** Textarea: multi-line text (intent answers, greetings). Same wiring and look as Input. */
export interface TextareaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  invalid?: boolean;
  ref?: Ref<HTMLTextAreaElement>;
}

export function Textarea({ className, invalid, rows = 4, ...props }: TextareaProps) {
  const field = useFieldControl();
  const isInvalid = invalid || Boolean(field?.["aria-invalid"]);
  return (
    <textarea
      rows={rows}
      {...field}
      {...props}
      className={cn(controlBase, "px-3 py-2 leading-relaxed", isInvalid ? controlInvalid : controlValid, className)}
    />
  );
}
