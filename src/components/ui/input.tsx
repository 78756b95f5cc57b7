"use client";

import type { InputHTMLAttributes, Ref } from "react";
import { cn } from "@/lib/cn";
import { useFieldControl } from "./field-context";
import { controlBase, controlInvalid, controlValid } from "./styles";

/**
 * Input: a single-line text control. Inside <Field> it takes its id and aria attributes from
 * the field; `invalid` forces the error style when used on its own.
 */
export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  invalid?: boolean;
  ref?: Ref<HTMLInputElement>;
}

export function Input({ className, invalid, ...props }: InputProps) {
  const field = useFieldControl();
  const isInvalid = invalid || Boolean(field?.["aria-invalid"]) || props["aria-invalid"] === true;
  return <input {...field} {...props} className={cn(controlBase, "h-9 px-3", isInvalid ? controlInvalid : controlValid, className)} />;
}
