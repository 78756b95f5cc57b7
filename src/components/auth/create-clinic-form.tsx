"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { useApiForm } from "@/lib/use-api-form";
import { browserTimeZone } from "@/lib/zone-name";

export interface CreateClinicFormProps {
  /** true when the person already belongs to a clinic and deliberately creates another. */
  additional?: boolean;
  /** Rendered beside the submit button (e.g. a dialog's Cancel). */
  secondaryAction?: ReactNode;
  onCreated?: () => void;
}

/** Creates a clinic with the signed-in person as owner (POST /api/auth/complete-signup), then opens it. */
export function CreateClinicForm({ additional = false, secondaryAction, onCreated }: CreateClinicFormProps) {
  const withSecondary = secondaryAction != null;
  const router = useRouter();
  const t = useTranslations();
  const form = useApiForm({
    initial: { organisation_name: "" },
    labels: { organisation_name: t("auth.clinicName") },
    navigatesOnSuccess: true,
    submit: (values) =>
      apiFetch("/api/auth/complete-signup", {
        method: "POST",
        body: { organisation_name: values.organisation_name, additional, timezone: browserTimeZone() },
      }),
    onSuccess: () => {
      onCreated?.();
      router.push("/dashboard");
      router.refresh();
    },
  });

  return (
    <form onSubmit={form.handleSubmit} noValidate className="space-y-5">
      <Field label={t("auth.clinicName")} error={form.errors.organisation_name} hint={t("auth.clinicNameHint")}>
        <Input
          autoComplete="organization"
          placeholder={t("auth.clinicNamePlaceholder")}
          autoFocus
          {...form.register("organisation_name")}
        />
      </Field>
      {form.formError && <Alert variant="danger">{form.formError}</Alert>}
      <div className={withSecondary ? "flex flex-col-reverse gap-2 sm:flex-row sm:justify-end" : undefined}>
        {secondaryAction}
        <Button
          type="submit"
          variant="primary"
          size={withSecondary ? "md" : "lg"}
          className={withSecondary ? undefined : "w-full"}
          loading={form.submitting}
        >
          {t("auth.createClinic.submit")}
        </Button>
      </div>
    </form>
  );
}
