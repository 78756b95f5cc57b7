"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormSaveFooter } from "@/components/ui/form-save-footer";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { useApiForm } from "@/lib/use-api-form";
import { fieldSentences } from "./field-sentences";

/**
 * Change of password (POST /api/account/password): the current one, then the new one. Every
 * other session is signed out by the API; the page says how many.
 */
export function PasswordCard({ onChanged }: { onChanged: () => void }) {
  const t = useTranslations();
  const [signedOut, setSignedOut] = useState(0);
  const form = useApiForm<{ current_password: string; new_password: string }, { signed_out_sessions: number }>({
    initial: { current_password: "", new_password: "" },
    labels: { current_password: t("account.password.current"), new_password: t("account.password.new") },
    submit: (values) => apiFetch("/api/account/password", { method: "POST", body: values }),
    onSuccess: (data) => {
      setSignedOut(data.signed_out_sessions);
      form.reset();
      onChanged();
    },
  });
  const errors = fieldSentences(form.errors, form.lastError, {
    current_password: {
      "is not right": t("account.password.currentWrong"),
      "Enter your current password.": t("account.password.currentMissing"),
    },
    new_password: {
      "Use at least 10 characters.": t("account.password.tooShort"),
      "Use at most 200 characters.": t("account.password.tooLong"),
      "Enter a password.": t("account.password.newMissing"),
    },
  });

  return (
    <Card>
      <form onSubmit={form.handleSubmit} noValidate aria-labelledby="account-password-title">
        <CardHeader
          title={<span id="account-password-title">{t("account.password.title")}</span>}
          description={t("account.password.description")}
        />
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field label={t("account.password.current")} error={errors.current_password}>
            <Input type="password" autoComplete="current-password" {...form.register("current_password")} />
          </Field>
          <Field label={t("account.password.new")} error={errors.new_password} hint={t("auth.passwordHint")}>
            <Input type="password" autoComplete="new-password" {...form.register("new_password")} />
          </Field>
        </CardContent>
        <FormSaveFooter
          form={form}
          label={t("account.password.submit")}
          savedMessage={t("account.password.changed", { count: signedOut })}
        />
      </form>
    </Card>
  );
}
