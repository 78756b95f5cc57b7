"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormSaveFooter } from "@/components/ui/form-save-footer";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { useApiForm } from "@/lib/use-api-form";

export interface ClinicNameFormProps {
  name: string;
  /** Admins and owners edit; members see the name read-only. */
  canEdit: boolean;
}

/** The clinic's name (PATCH /api/organisation), read-only for members. */
export function ClinicNameForm({ name, canEdit }: ClinicNameFormProps) {
  const router = useRouter();
  const t = useTranslations();
  const form = useApiForm({
    initial: { name },
    labels: { name: t("auth.clinicName") },
    submit: (values) => apiFetch("/api/organisation", { method: "PATCH", body: { name: values.name } }),
    onSuccess: () => router.refresh(),
  });
  const unchanged = form.values.name.trim() === name;

  return (
    <Card>
      <form onSubmit={form.handleSubmit} noValidate>
        <CardHeader title={t("settings.clinic")} description={t("settings.clinicDescription")} />
        <CardContent>
          <Field
            label={t("auth.clinicName")}
            error={form.errors.name}
            hint={canEdit ? t("settings.clinicHintEditor") : t("settings.clinicHintViewer")}
            className="max-w-md"
          >
            <Input autoComplete="organization" readOnly={!canEdit} {...form.register("name")} />
          </Field>
        </CardContent>
        {canEdit && <FormSaveFooter form={form} unchanged={unchanged} />}
      </form>
    </Card>
  );
}
