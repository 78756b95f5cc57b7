"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useApiForm } from "@/lib/use-api-form";
import type { AccountOverview } from "./account-types";
import { fieldSentences } from "./field-sentences";
import { RecoveryCodes } from "./recovery-codes";

interface Enrolment {
  secret: string;
  otpauth_uri: string;
  qr_code: string;
}

/**
 * Two-factor sign-in: its status; enrolment (a QR code and the key for typing in, confirmed with
 * a code from the app), then the ten recovery codes shown this once; turning it off (password).
 */
export function TwoFactorCard({ account, onChanged }: { account: AccountOverview; onChanged: () => void }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const requiredBy = account.two_factor_required_by;

  async function start() {
    setStarting(true);
    setStartError(null);
    const result = await apiFetch<Enrolment>("/api/account/two-factor/enrol", { method: "POST" });
    setStarting(false);
    if (result.ok) setEnrolment(result.data);
    else if (result.error.code === "conflict") onChanged();
    else setStartError(errorText(result.error));
  }

  const status = account.two_factor_enabled ? (
    <Badge tone="success" dot>
      {t("account.twoFactor.on")}
    </Badge>
  ) : (
    <Badge tone="neutral" dot>
      {t("account.twoFactor.off")}
    </Badge>
  );

  return (
    // The sign-in side sends a person who must enrol to this card (#two-factor, src/shared/account-paths.ts).
    <Card id="two-factor" className="scroll-mt-6">
      <CardHeader title={t("account.twoFactor.title")} description={t("account.twoFactor.description")} actions={status} />
      <CardContent className="space-y-4">
        {requiredBy.length > 0 && (
          <Alert variant={account.two_factor_enabled ? "info" : "warning"}>
            {account.two_factor_enabled
              ? t("account.twoFactor.requiredOn", { clinics: requiredBy.join(", "), count: requiredBy.length })
              : t("account.twoFactor.requiredOff", { clinics: requiredBy.join(", "), count: requiredBy.length })}
          </Alert>
        )}
        {codes ? (
          <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
        ) : enrolment ? (
          <EnrolmentSteps
            enrolment={enrolment}
            onCancel={() => setEnrolment(null)}
            onConfirmed={(recoveryCodes) => {
              setEnrolment(null);
              setCodes(recoveryCodes);
              onChanged();
            }}
          />
        ) : account.two_factor_enabled ? (
          <p className="text-sm text-slate-700">{t("account.twoFactor.codesLeft", { count: account.recovery_codes_left })}</p>
        ) : (
          <p className="text-sm text-slate-700">{t("account.twoFactor.offBody")}</p>
        )}
      </CardContent>
      {!codes && !enrolment && (
        <CardFooter>
          <InlineStatus status={startError ? { tone: "error", message: startError } : null} />
          {account.two_factor_enabled ? (
            <DisableTwoFactor blockedBy={requiredBy} onDisabled={onChanged} />
          ) : (
            <Button variant="primary" loading={starting} onClick={start}>
              {t("account.twoFactor.setUp")}
            </Button>
          )}
        </CardFooter>
      )}
    </Card>
  );
}

/** Step 1: scan (or type the key); step 2: the app's current code turns it on. */
function EnrolmentSteps({
  enrolment,
  onCancel,
  onConfirmed,
}: {
  enrolment: Enrolment;
  onCancel: () => void;
  onConfirmed: (codes: string[]) => void;
}) {
  const t = useTranslations();
  const form = useApiForm<{ code: string }, { enabled: boolean; recovery_codes: string[] }>({
    initial: { code: "" },
    labels: { code: t("account.twoFactor.code") },
    submit: (values) => apiFetch("/api/account/two-factor/confirm", { method: "POST", body: { code: values.code.replace(/\s+/g, "") } }),
    onSuccess: (data) => onConfirmed(data.recovery_codes),
  });
  const errors = fieldSentences(form.errors, form.lastError, {
    code: {
      "is not right": t("account.twoFactor.codeWrong"),
      "Enter the code.": t("account.twoFactor.codeMissing"),
      "Enter the 6-digit code, or a recovery code.": t("account.twoFactor.codeMissing"),
    },
  });

  return (
    <form onSubmit={form.handleSubmit} noValidate className="space-y-4" aria-label={t("account.twoFactor.setUpTitle")}>
      <ol className="list-decimal space-y-4 pl-5 text-sm text-slate-700">
        <li className="space-y-3">
          <p>{t("account.twoFactor.scan")}</p>
          {/* biome-ignore lint/performance/noImgElement: a small inline PNG from the API */}
          <img
            src={enrolment.qr_code}
            alt={t("account.twoFactor.qrAlt")}
            width={180}
            height={180}
            className="rounded-md border border-slate-200 bg-white"
          />
          <p>{t("account.twoFactor.manual")}</p>
          <CopyField value={enrolment.secret} label={t("account.twoFactor.setupKey")} />
        </li>
        <li>
          <Field label={t("account.twoFactor.code")} error={errors.code} hint={t("account.twoFactor.codeHint")} className="max-w-xs">
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={12} {...form.register("code")} />
          </Field>
        </li>
      </ol>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <InlineStatus status={form.formError ? { tone: "error", message: form.formError } : null} className="mr-auto" />
        <Button onClick={onCancel} disabled={form.submitting}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" variant="primary" loading={form.submitting}>
          {t("account.twoFactor.confirm")}
        </Button>
      </div>
    </form>
  );
}

/** Turning two-factor sign-in off asks for the password; a clinic that requires it blocks this. */
function DisableTwoFactor({ blockedBy, onDisabled }: { blockedBy: string[]; onDisabled: () => void }) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const form = useApiForm<{ password: string }, { enabled: boolean }>({
    initial: { password: "" },
    labels: { password: t("account.email.password") },
    submit: (values) => apiFetch("/api/account/two-factor/disable", { method: "POST", body: values }),
    onSuccess: () => {
      setOpen(false);
      form.reset();
      onDisabled();
    },
  });
  const errors = fieldSentences(form.errors, form.lastError, {
    password: { "is not right": t("account.errors.passwordWrong"), "Enter your password.": t("account.errors.passwordMissing") },
  });

  if (blockedBy.length > 0) {
    return <p className="text-sm text-slate-600">{t("account.twoFactor.cannotTurnOff")}</p>;
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (form.submitting) return;
        setOpen(next);
        if (!next) form.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">{t("account.twoFactor.turnOff")}</Button>
      </DialogTrigger>
      <DialogContent title={t("account.twoFactor.turnOffTitle")} description={t("account.twoFactor.turnOffDescription")}>
        <form onSubmit={form.handleSubmit} noValidate className="space-y-4">
          <Field label={t("account.email.password")} error={errors.password}>
            <Input type="password" autoComplete="current-password" {...form.register("password")} />
          </Field>
          {form.formError && <Alert variant="danger">{form.formError}</Alert>}
          <DialogFooter flush>
            <DialogClose asChild>
              <Button disabled={form.submitting}>{t("common.cancel")}</Button>
            </DialogClose>
            <Button type="submit" variant="danger" loading={form.submitting}>
              {t("account.twoFactor.turnOff")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
