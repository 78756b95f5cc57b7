"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { focusRing } from "@/components/ui/styles";
import { type ApiError, apiFetch } from "@/lib/api-client";
import { retryWhenBusy } from "@/lib/busy-retry";
import { cn } from "@/lib/cn";
import { withNext } from "@/lib/safe-next";
import { useApiForm } from "@/lib/use-api-form";
import { TWO_FACTOR_ENROL_PATH } from "@/shared/account-paths";

export interface LoginFormProps {
  next: string;
  email?: string;
}

interface LoginAnswer {
  two_factor_required?: boolean;
  challenge?: string;
  two_factor_enrolment_required?: boolean;
}

type Step = { kind: "password"; notice?: string } | { kind: "code"; challenge: string };

/**
 * Log-in in one or two steps: email and password (POST /api/auth/login); when the person has
 * two-factor sign-in on, the API answers with a challenge instead of a session and the form asks
 * for the authenticator's code or a recovery code (POST /api/auth/two-factor). A member whose
 * clinic requires two-factor and who has none is taken to enrol first.
 */
export function LoginForm({ next, email = "" }: LoginFormProps) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [knownEmail, setKnownEmail] = useState(email);
  const finish = (enrol: boolean) => {
    router.push(enrol ? TWO_FACTOR_ENROL_PATH : next);
    router.refresh();
  };
  if (step.kind === "code") {
    return (
      <CodeStep challenge={step.challenge} onDone={() => finish(false)} onRestart={(notice) => setStep({ kind: "password", notice })} />
    );
  }
  return (
    <PasswordStep
      next={next}
      email={knownEmail}
      notice={step.notice}
      onAnswer={(answer, values) => {
        setKnownEmail(values.email);
        if (answer.two_factor_required && answer.challenge) setStep({ kind: "code", challenge: answer.challenge });
        else finish(Boolean(answer.two_factor_enrolment_required));
      }}
    />
  );
}

function PasswordStep({
  next,
  email,
  notice,
  onAnswer,
}: {
  next: string;
  email: string;
  notice?: string;
  onAnswer: (answer: LoginAnswer, values: { email: string }) => void;
}) {
  const t = useTranslations();
  const form = useApiForm({
    initial: { email, password: "" },
    labels: { email: t("auth.email"), password: t("auth.password") },
    navigatesOnSuccess: true,
    // Many people signing in at once: the server answers 503 busy with a delay, and the form asks again itself.
    submit: (values) => retryWhenBusy(() => apiFetch<LoginAnswer>("/api/auth/login", { method: "POST", body: values })),
    onSuccess: (answer, values) => onAnswer(answer ?? {}, values),
  });

  return (
    <form onSubmit={form.handleSubmit} noValidate className="space-y-5">
      {notice && <Alert variant="warning">{notice}</Alert>}
      <Field label={t("auth.email")} error={form.errors.email}>
        <Input type="email" autoComplete="email" autoFocus={!email} {...form.register("email")} />
      </Field>
      <Field
        label={t("auth.password")}
        error={form.errors.password}
        labelAside={
          <Link
            href={withNext("/forgot-password", undefined, { email: form.values.email.trim() || undefined })}
            className="text-[13px] font-medium text-brand-700 hover:underline"
          >
            {t("auth.login.forgotPassword")}
          </Link>
        }
      >
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

/** Refusals after which the challenge is dead: the password is asked again, saying why. */
const RESTART_REASONS = new Set(["challenge_closed", "link_expired", "link_used", "link_invalid", "two_factor_off"]);

function CodeStep({ challenge, onDone, onRestart }: { challenge: string; onDone: () => void; onRestart: (notice: string) => void }) {
  const t = useTranslations();
  const [recovery, setRecovery] = useState(false);
  const restartText = (error: ApiError): string => {
    const reason = error.details?.reason;
    if (reason === "challenge_closed") return t("auth.twoFactor.closed");
    if (reason === "link_expired") return t("auth.twoFactor.expired");
    return t("auth.twoFactor.restart");
  };
  const form = useApiForm({
    initial: { code: "" },
    labels: { code: t("auth.twoFactor.code") },
    navigatesOnSuccess: true,
    submit: async (values) => {
      const result = await apiFetch("/api/auth/two-factor", { method: "POST", body: { challenge, code: values.code } });
      if (!result.ok && RESTART_REASONS.has(String(result.error.details?.reason))) onRestart(restartText(result.error));
      return result;
    },
    onSuccess: onDone,
  });
  const wrong = form.lastError?.details?.reason === "wrong_code";
  const codeError = wrong ? t(recovery ? "auth.twoFactor.wrongRecoveryCode" : "auth.twoFactor.wrongCode") : form.errors.code;

  return (
    <form onSubmit={form.handleSubmit} noValidate className="space-y-5" aria-labelledby="two-factor-heading">
      <div className="space-y-1.5">
        <h2 id="two-factor-heading" className="text-base font-semibold text-slate-900">
          {t("auth.twoFactor.heading")}
        </h2>
        <p className="text-sm leading-relaxed text-slate-500">
          {recovery ? t("auth.twoFactor.recoveryDescription") : t("auth.twoFactor.description")}
        </p>
      </div>
      <Field label={recovery ? t("auth.twoFactor.recoveryCode") : t("auth.twoFactor.code")} error={codeError}>
        <Input
          key={recovery ? "recovery" : "app"}
          autoFocus
          autoComplete="one-time-code"
          inputMode={recovery ? "text" : "numeric"}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={20}
          className="font-mono tracking-wider"
          {...form.register("code")}
        />
      </Field>
      {form.formError && !wrong && <Alert variant={form.lastError?.code === "rate_limited" ? "warning" : "danger"}>{form.formError}</Alert>}
      <Button type="submit" variant="primary" size="lg" className="w-full" loading={form.submitting}>
        {t("auth.twoFactor.submit")}
      </Button>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <button
          type="button"
          className={cn("rounded-sm font-medium text-brand-700 hover:underline", focusRing)}
          onClick={() => {
            setRecovery((value) => !value);
            form.reset();
          }}
        >
          {recovery ? t("auth.twoFactor.useApp") : t("auth.twoFactor.useRecovery")}
        </button>
        <button
          type="button"
          className={cn("rounded-sm font-medium text-slate-600 hover:underline", focusRing)}
          onClick={() => onRestart("")}
        >
          {t("auth.twoFactor.back")}
        </button>
      </div>
    </form>
  );
}
