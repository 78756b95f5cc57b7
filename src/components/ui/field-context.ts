"use client";

import { createContext, useContext } from "react";

/** What a <Field> tells the control inside it: its id, what describes it, whether it is invalid. */
export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  required?: boolean;
}

export const FieldContext = createContext<FieldControlProps | null>(null);

/** The props a control (Input, Select, Textarea) takes from the Field around it, if any. */
export function useFieldControl(): FieldControlProps | null {
  return useContext(FieldContext);
}
