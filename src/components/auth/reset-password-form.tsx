"use client";

import { CheckCircle2, Clock, Link2Off, Loader2, UserX } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { type ApiResult, apiFetch, fieldErrorsOf } from "@/lib/api-client";
import { useApiForm } from "@/lib/use-api-form";
import { AuthHeading } from "./auth-heading";
import { LinkOutcome } from "./link-outcome";
import { type LinkRefusal, linkRefusalOf, tokenFromFragment } from "./link-token";
import { LogOutAndReload } from "./log-out-and-reload";

type State = { kind: "checking" } | { kind: "form"; token: string } | { kind: "done" } | { kind: "refused"; reason: LinkRefusal };

/** A refusal of the link itself (not of the password): a short token is as good as a made-up one. */
function refusalOf<T>(result: ApiResult<T>): LinkRefusal | null {
  if (result.ok) return null;
  const reason = linkRefusalOf(result.error.details?.reason);
  if (reason) return reason;
  return result.error.code === "invalid_input" && "token" in fieldErrorsOf(result.error) ? "link_invalid" : null;
}

/**
 * The Reset password page: reads the token from the fragment, asks the API whether the link can
 * still be used (POST /api/auth/password-reset/check, which does not use it), then takes the new
 * password (POST /api/auth/password-reset/confirm). Each refusal says which: expired, used, not
 * valid, or for another account than the one logged in.
 */
export function ResetPasswordForm() {
  const [state, setState] = useState<State>({ kind: "checking" });

  useEffect(() => {
    const token = tokenFromFragment(window.location.hash);
    if (!token) {
      setState({ kind: "refused", reason: "link_invalid" });
      return;
    }
    let live = true;
    void apiFetch("/api/auth/password-reset/check", { method: "POST", body: { token } }).then((result) => {
      if (!live) return;
      const refused = refusalOf(result);
      // Anything else (offline, busy): the form, whose answer will say what is wrong.
      setState(refused ? { kind: "refused", reason: refused } : { kind: "form", token });
    });
    return () => {
      live = false;
    };
  }, []);

  if (state.kind === "checking") return <Checking />;
  if (state.kind === "form") {
    return (
      <NewPasswordForm
        token={state.token}
        onDone={() => setState({ kind: "done" })}
        onRefused={(reason) => setState({ kind: "refused", reason })}
      />
    );
  }
  if (state.kind === "done") return <Done />;
  return <Refused reason={state.reason} />;
}

function Checking() {
  const t = useTranslations();
  return <LinkOutcome icon={Loader2} tone="busy" title={t("auth.reset.checking")} testId="reset-checking" />;
}

function NewPasswordForm({ token, onDone, onRefused }: { token: string; onDone: () => void; onRefused: (reason: LinkRefusal) => void }) {
  const t = useTranslations();
  const form = useApiForm({
    initial: { password: "" },
    labels: { password: t("auth.reset.newPassword") },
    submit: async ({ password }) => {
      const result = await apiFetch("/api/auth/password-reset/confirm", { method: "POST", body: { token, password } });
      const refused = refusalOf(result);
      if (refused) onRefused(refused);
      return result;
    },
    onSuccess: onDone,
  });
  return (
    <>
      <AuthHeading title={t("auth.reset.title")} description={t("auth.reset.description")} />
      <form onSubmit={form.handleSubmit} noValidate className="space-y-5">
        <Field label={t("auth.reset.newPassword")} error={form.errors.password} hint={t("auth.passwordHint")}>
          <Input type="password" autoComplete="new-password" autoFocus {...form.register("password")} />
        </Field>
        {form.formError && <Alert variant={form.lastError?.code === "rate_limited" ? "warning" : "danger"}>{form.formError}</Alert>}
        <Button type="submit" variant="primary" size="lg" className="w-full" loading={form.submitting}>
          {t("auth.reset.submit")}
        </Button>
      </form>
    </>
  );
}

function Done() {
  const t = useTranslations();
  return (
    <LinkOutcome
      icon={CheckCircle2}
      tone="success"
      title={t("auth.reset.doneTitle")}
      testId="reset-done"
      action={
        <Link href="/login" className={buttonClasses("primary", "lg")}>
          {t("auth.logIn")}
        </Link>
      }
    >
      <p>{t("auth.reset.done")}</p>
    </LinkOutcome>
  );
}

function Refused({ reason }: { reason: LinkRefusal }) {
  const t = useTranslations();
  const requestNew = (
    <Link href="/forgot-password" className={buttonClasses("primary", "lg")}>
      {t("auth.reset.requestNew")}
    </Link>
  );
  if (reason === "other_account") {
    return (
      <LinkOutcome
        icon={UserX}
        tone="warning"
        title={t("auth.reset.otherAccountTitle")}
        testId="reset-other_account"
        action={<LogOutAndReload />}
      >
        <p>{t("auth.reset.otherAccount")}</p>
      </LinkOutcome>
    );
  }
  if (reason === "link_expired") {
    return (
      <LinkOutcome icon={Clock} tone="warning" title={t("auth.reset.expiredTitle")} testId="reset-link_expired" action={requestNew}>
        <p>{t("auth.reset.expired")}</p>
      </LinkOutcome>
    );
  }
  if (reason === "link_used") {
    return (
      <LinkOutcome icon={Link2Off} tone="warning" title={t("auth.reset.usedTitle")} testId="reset-link_used" action={requestNew}>
        <p>{t("auth.reset.used")}</p>
      </LinkOutcome>
    );
  }
  return (
    <LinkOutcome icon={Link2Off} tone="danger" title={t("auth.reset.invalidTitle")} testId="reset-link_invalid" action={requestNew}>
      <p>{t("auth.reset.invalid")}</p>
    </LinkOutcome>
  );
}
