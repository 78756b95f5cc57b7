"use client";

import { useTranslations } from "next-intl";
import type { ApiFormState } from "@/lib/use-api-form";
import { Button } from "./button";
import { CardFooter } from "./card";
import { InlineStatus } from "./inline-status";

/**
 * FormSaveFooter: the footer of a card's `useApiForm` form: the form's error, or "Saved" after it
 * succeeded, beside its submit button (busy while it submits).
 *
 *   <FormSaveFooter form={form} unchanged={form.values.name.trim() === name} />
 */
export interface FormSaveFooterProps {
  form: Pick<ApiFormState<Record<string, string>>, "formError" | "succeeded" | "submitting">;
  /** The values are the saved ones: the button is disabled, and "Saved" shows only while this holds. */
  unchanged?: boolean;
  /** The button's words (default "Save"). */
  label?: string;
  /** What success says (default "Saved"). */
  savedMessage?: string;
}

export function FormSaveFooter({ form, unchanged, label, savedMessage }: FormSaveFooterProps) {
  const t = useTranslations();
  return (
    <CardFooter>
      <InlineStatus
        status={
          form.formError
            ? { tone: "error", message: form.formError }
            : form.succeeded && unchanged !== false
              ? { tone: "success", message: savedMessage ?? t("common.saved") }
              : null
        }
      />
      <Button type="submit" variant="primary" loading={form.submitting} disabled={unchanged}>
        {label ?? t("common.save")}
      </Button>
    </CardFooter>
  );
}
