"use client";

import { ChevronDown } from "lucide-react";
import type { Ref, SelectHTMLAttributes } from "react";
import { cn } from "@/lib/cn";
import { useFieldControl } from "./field-context";
import { controlBase, controlInvalid, controlValid } from "./styles";

/**
 * Select: a styled native <select> (keyboard, mobile pickers and screen readers for free).
 * Pass `options` or <option> children. `size="sm"` fits inside table rows.
 *
 *   <Select aria-label="Role" value={role} onChange={...} options={[{ value: "admin", label: "Admin" }]} />
 */
export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "size"> {
  options?: SelectOption[];
  size?: "sm" | "md";
  invalid?: boolean;
  ref?: Ref<HTMLSelectElement>;
}

export function Select({ className, options, size = "md", invalid, children, ...props }: SelectProps) {
  const field = useFieldControl();
  const isInvalid = invalid || Boolean(field?.["aria-invalid"]);
  return (
    <div className={cn("relative", className)}>
      <select
        {...field}
        {...props}
        className={cn(
          controlBase,
          "appearance-none pr-8",
          size === "sm" ? "h-8 pl-2.5 text-[13px]" : "h-9 pl-3",
          isInvalid ? controlInvalid : controlValid,
        )}
      >
        {options?.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
      <ChevronDown className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-slate-500" aria-hidden="true" />
    </div>
  );
}
