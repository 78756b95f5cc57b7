"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { withNext } from "@/lib/safe-next";
import { useApiForm } from "@/lib/use-api-form";

export interface LoginFormProps {
  next: string;
  email?: string;
}

export function LoginForm({ next, email = "" }: LoginFormProps) {
  const router = useRouter();
  const t = useTranslations();
  const form = useApiForm({
    initial: { email, password: "" },
    labels: { email: t("auth.email"), password: t("auth.password") },
    navigatesOnSuccess: true,
    submit: (values) => apiFetch("/api/auth/login", { method: "POST", body: values }),
    onSuccess: () => {
      router.push(next);
      router.refresh();
    },
  });

  return (
    <form onSubmit={form.handleSubmit} noValidate className="space-y-5">
      <Field label={t("auth.email")} error={form.errors.email}>
        <Input type="email" autoComplete="email" autoFocus={!email} {...form.register("email")} />
      </Field>
      <Field label={t("auth.password")} error={form.errors.password}>
        <Input type="password" autoComplete="current-password" autoFocus={Boolean(email)} {...form.register("password")} />
      </Field>
      {form.formError && <Alert variant={form.lastError?.code === "rate_limited" ? "warning" : "danger"}>{form.formError}</Alert>}
      <Button type="submit" variant="primary" size="lg" className="w-full" loading={form.submitting}>
        {t("auth.logIn")}
      </Button>
      <p className="text-center text-sm text-slate-500">
        {t("auth.login.newHere")}{" "}
        <Link href={withNext("/signup", next === "/dashboard" ? undefined : next)} className="font-medium text-brand-700 hover:underline">
          {t("auth.login.createAccount")}
        </Link>
      </p>
    </form>
  );
}
