"use client";

import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { focusRing } from "@/components/ui/styles";
import { apiFetch } from "@/lib/api-client";
import { cn } from "@/lib/cn";
import { withNext } from "@/lib/safe-next";
import { useApiForm } from "@/lib/use-api-form";

/**
 * POST /api/auth/password-reset. The API answers 202 whatever the address (it never says whether
 * an account uses it), so the page has one success state for every address.
 */
export function ForgotPasswordForm({ email = "", demo }: { email?: string; demo: boolean }) {
  const t = useTranslations();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useApiForm({
    initial: { email },
    labels: { email: t("auth.email") },
    submit: (values) => apiFetch("/api/auth/password-reset", { method: "POST", body: values }),
    onSuccess: (_data, values) => setSentTo(values.email.trim()),
  });

  if (sentTo !== null) {
    return (
      <div className="space-y-5" data-testid="reset-requested">
        <div className="flex gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3.5 text-sm text-emerald-950">
          <MailCheck className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-hidden="true" />
          <div className="min-w-0 space-y-1" role="status">
            <h2 className="font-semibold">{t("auth.forgot.sentTitle")}</h2>
            <p className="break-words">
              {t.rich("auth.forgot.sent", { email: sentTo, b: (chunks) => <strong className="font-semibold">{chunks}</strong> })}
            </p>
          </div>
        </div>
        {demo && <Alert variant="info">{t("auth.forgot.sentDemo")}</Alert>}
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <button
            type="button"
            className={cn("rounded-sm font-medium text-brand-700 hover:underline", focusRing)}
            onClick={() => {
              setSentTo(null);
              form.reset({ email: "" });
            }}
          >
            {t("auth.forgot.otherAddress")}
          </button>
          <Link href={withNext("/login", undefined, { email: sentTo || undefined })} className="font-medium text-brand-700 hover:underline">
            {t("auth.forgot.backToLogin")}
          </Link>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={form.handleSubmit} noValidate className="space-y-5">
      <Field label={t("auth.email")} error={form.errors.email}>
        <Input type="email" autoComplete="email" autoFocus {...form.register("email")} />
      </Field>
      {form.formError && <Alert variant={form.lastError?.code === "rate_limited" ? "warning" : "danger"}>{form.formError}</Alert>}
      <Button type="submit" variant="primary" size="lg" className="w-full" loading={form.submitting}>
        {t("auth.forgot.submit")}
      </Button>
      <p className="text-center text-sm text-slate-500">
        <Link
          href={withNext("/login", undefined, { email: form.values.email.trim() || undefined })}
          className="font-medium text-brand-700 hover:underline"
        >
          {t("auth.forgot.backToLogin")}
        </Link>
      </p>
    </form>
  );
}
