"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormSaveFooter } from "@/components/ui/form-save-footer";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { useApiForm } from "@/lib/use-api-form";
import { LanguageSelect } from "./language-select";

/** The person's name (PATCH /api/me {full_name}) and dashboard language (the page switches at once). */
export function ProfileCard({ fullName, onSaved }: { fullName: string | null; onSaved: () => void }) {
  const t = useTranslations();
  const [name, setName] = useState(fullName ?? "");
  const form = useApiForm({
    initial: { full_name: fullName ?? "" },
    labels: { full_name: t("account.profile.name") },
    submit: (values) =>
      apiFetch<{ user: { full_name: string | null } }>("/api/me", { method: "PATCH", body: { full_name: values.full_name } }),
    onSuccess: (data) => {
      setName(data.user.full_name ?? "");
      form.setValue("full_name", data.user.full_name ?? "");
      onSaved();
    },
  });
  const unchanged = form.values.full_name.trim() === name;

  return (
    <Card>
      <form onSubmit={form.handleSubmit} noValidate aria-labelledby="account-profile-title">
        <CardHeader
          title={<span id="account-profile-title">{t("account.profile.title")}</span>}
          description={t("account.profile.description")}
        />
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field label={t("account.profile.name")} error={form.errors.full_name} hint={t("account.profile.nameHint")}>
            <Input autoComplete="name" maxLength={120} {...form.register("full_name")} />
          </Field>
          <Field label={t("language.label")} hint={t("account.profile.languageHint")}>
            <LanguageSelect className="block" />
          </Field>
        </CardContent>
        <FormSaveFooter form={form} unchanged={unchanged} label={t("account.profile.save")} />
      </form>
    </Card>
  );
}
