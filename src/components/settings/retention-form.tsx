"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormSaveFooter } from "@/components/ui/form-save-footer";
import { Select } from "@/components/ui/select";
import { apiFetch } from "@/lib/api-client";
import { useApiForm } from "@/lib/use-api-form";
import type { RetentionJson } from "@/server/privacy/retention-schemas";

export interface RetentionFormProps {
  retention: RetentionJson;
  /** Owners change it; everyone else reads it. */
  canEdit: boolean;
}

const asValue = (days: number | null) => (days === null ? "forever" : String(days));
const asDays = (value: string) => (value === "forever" ? null : Number(value));

/** How long the clinic keeps recordings, transcripts and messages, call records and its audit log (PUT /api/retention). */
export function RetentionForm({ retention, canEdit }: RetentionFormProps) {
  const t = useTranslations();
  const [saved, setSaved] = useState(retention);
  const dayOptions = [
    { value: "30", label: t("settings.retention.days", { days: 30 }) },
    { value: "90", label: t("settings.retention.days", { days: 90 }) },
    { value: "365", label: t("settings.retention.days", { days: 365 }) },
    { value: "forever", label: t("settings.retention.forever") },
  ];
  const auditOptions = [
    { value: "2192", label: t("settings.retention.years", { years: 6 }) },
    { value: "2557", label: t("settings.retention.years", { years: 7 }) },
    { value: "3653", label: t("settings.retention.years", { years: 10 }) },
  ];
  const form = useApiForm({
    initial: {
      recordings_days: asValue(retention.recordings_days),
      transcripts_days: asValue(retention.transcripts_days),
      metadata_days: asValue(retention.metadata_days),
      audit_log_days: String(retention.audit_log_days),
    },
    labels: {
      recordings_days: t("settings.retention.recordings"),
      transcripts_days: t("settings.retention.transcripts"),
      metadata_days: t("settings.retention.metadata"),
      audit_log_days: t("settings.retention.auditLog"),
    },
    submit: (values) =>
      apiFetch<RetentionJson>("/api/retention", {
        method: "PUT",
        body: {
          recordings_days: asDays(values.recordings_days),
          transcripts_days: asDays(values.transcripts_days),
          metadata_days: asDays(values.metadata_days),
          audit_log_days: Number(values.audit_log_days),
        },
      }),
    onSuccess: (data) => {
      if (data) setSaved(data);
    },
  });
  const unchanged =
    form.values.recordings_days === asValue(saved.recordings_days) &&
    form.values.transcripts_days === asValue(saved.transcripts_days) &&
    form.values.metadata_days === asValue(saved.metadata_days) &&
    form.values.audit_log_days === String(saved.audit_log_days);

  return (
    <Card>
      <form onSubmit={form.handleSubmit} noValidate>
        <CardHeader title={t("settings.retention.title")} description={t("settings.retention.description")} />
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field label={t("settings.retention.recordings")} error={form.errors.recordings_days}>
            <Select options={dayOptions} disabled={!canEdit} {...form.register("recordings_days")} />
          </Field>
          <Field label={t("settings.retention.transcripts")} error={form.errors.transcripts_days}>
            <Select options={dayOptions} disabled={!canEdit} {...form.register("transcripts_days")} />
          </Field>
          <Field label={t("settings.retention.metadata")} error={form.errors.metadata_days} hint={t("settings.retention.metadataHint")}>
            <Select options={dayOptions} disabled={!canEdit} {...form.register("metadata_days")} />
          </Field>
          <Field label={t("settings.retention.auditLog")} error={form.errors.audit_log_days}>
            <Select options={auditOptions} disabled={!canEdit} {...form.register("audit_log_days")} />
          </Field>
          <p className="text-sm text-slate-600 sm:col-span-2">
            {canEdit ? t("settings.retention.rule") : t("settings.retention.ownersOnly")}
          </p>
        </CardContent>
        {canEdit && <FormSaveFooter form={form} unchanged={unchanged} />}
      </form>
    </Card>
  );
}
