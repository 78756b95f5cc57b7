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
import { browserTimeZone } from "@/lib/zone-name";

export interface SignupFormProps {
  /** Where to go after signing up (already checked to be a path on this site). */
  next: string;
  /** Prefilled email, e.g. the address an invitation was sent to. */
  email?: string;
  /**
   * The person arrives from an invitation link: the account joins that clinic as it is created
   * (no clinic of their own), and the dashboard opens on it.
   */
  invitationToken?: string;
}

export function SignupForm({ next, email = "", invitationToken }: SignupFormProps) {
  const router = useRouter();
  const t = useTranslations();
  const form = useApiForm({
    initial: { email, password: "", organisation_name: "" },
    labels: { email: t("auth.email"), password: t("auth.password"), organisation_name: t("auth.clinicName") },
    navigatesOnSuccess: true,
    submit: ({ organisation_name, ...account }) =>
      apiFetch("/api/auth/signup", {
        method: "POST",
        body: invitationToken
          ? { ...account, invitation_token: invitationToken }
          : { ...account, organisation_name, timezone: browserTimeZone() },
      }),
    onSuccess: () => {
      router.push(invitationToken ? "/dashboard" : next);
      router.refresh();
    },
  });

  return (
    <form onSubmit={form.handleSubmit} noValidate className="space-y-5">
      <Field label={t("auth.workEmail")} error={form.errors.email}>
        <Input type="email" autoComplete="email" placeholder={t("auth.emailPlaceholder")} autoFocus={!email} {...form.register("email")} />
      </Field>
      <Field label={t("auth.password")} error={form.errors.password} hint={t("auth.passwordHint")}>
        <Input type="password" autoComplete="new-password" autoFocus={Boolean(email)} {...form.register("password")} />
      </Field>
      {!invitationToken && (
        <Field label={t("auth.clinicName")} error={form.errors.organisation_name} hint={t("auth.clinicNameHint")}>
          <Input autoComplete="organization" placeholder={t("auth.clinicNamePlaceholder")} {...form.register("organisation_name")} />
        </Field>
      )}
      {form.formError && <Alert variant="danger">{form.formError}</Alert>}
      <Button type="submit" variant="primary" size="lg" className="w-full" loading={form.submitting}>
        {invitationToken ? t("auth.signup.submitInvitation") : t("auth.signup.submit")}
      </Button>
      <p className="text-center text-sm text-slate-500">
        {t("auth.signup.haveAccount")}{" "}
        <Link
          href={withNext("/login", next === "/dashboard" ? undefined : next, { email: form.values.email || undefined })}
          className="font-medium text-brand-700 hover:underline"
        >
          {t("auth.logIn")}
        </Link>
      </p>
    </form>
  );
}
