"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useApiForm } from "@/lib/use-api-form";
import type { AccountOverview } from "./account-types";
import { fieldSentences } from "./field-sentences";
import { useCooldown } from "./use-cooldown";

/** A confirmation email may be sent again a minute after the last (the API's cooldown). */
const RESEND_COOLDOWN_MS = 60_000;

/**
 * The person's address: confirmed or not (with "send the link again" and its cooldown), and a
 * change of address (current password required; takes effect when the link sent to the new
 * address is followed, so until then the page says to check that inbox).
 */
export function EmailCard({ account, onChanged }: { account: AccountOverview; onChanged: () => void }) {
  const t = useTranslations();
  const [changeLink, setChangeLink] = useState<string | null>(null);
  const form = useApiForm<{ new_email: string; password: string }, { pending_email: string; link: string | null }>({
    initial: { new_email: "", password: "" },
    labels: { new_email: t("account.email.newEmail"), password: t("account.email.password") },
    submit: (values) => apiFetch("/api/account/email", { method: "POST", body: values }),
    onSuccess: (data) => {
      setChangeLink(data.link);
      form.reset();
      onChanged();
    },
  });
  const errors = fieldSentences(form.errors, form.lastError, {
    password: { "is not right": t("account.errors.passwordWrong"), "Enter your password.": t("account.errors.passwordMissing") },
    new_email: {
      "is your current address": t("account.email.sameAddress"),
      "Another account uses this address.": t("account.email.taken"),
      "Enter an email address.": t("account.email.missing"),
      "Enter a valid email address, like name@clinic.com.": t("account.email.invalid"),
    },
  });

  return (
    <Card>
      <CardHeader
        title={t("account.email.title")}
        description={t("account.email.description")}
        actions={
          account.email_verified ? (
            <Badge tone="success" dot>
              {t("account.email.verified")}
            </Badge>
          ) : (
            <Badge tone="warning" dot>
              {t("account.email.unverified")}
            </Badge>
          )
        }
      />
      <CardContent className="space-y-4">
        <p className="text-sm text-slate-700">
          {t.rich("account.email.current", { email: account.email, b: (chunks) => <b className="font-medium text-slate-900">{chunks}</b> })}
        </p>
        {/* With email on, the notice above every dashboard page offers "send again"; with it off, the link is shown here. */}
        {!account.email_verified && !account.email_enabled && (
          <VerifyNotice sentAt={account.verification_sent_at} onConfirmed={onChanged} />
        )}
        {account.pending_email && (
          <Alert variant="info" title={t("account.email.pendingTitle")}>
            <p>{t("account.email.pending", { email: account.pending_email })}</p>
            {changeLink && (
              <div className="mt-2 space-y-1">
                <p>{t("account.email.emailOffLink")}</p>
                <CopyField value={changeLink} label={t("account.email.confirmationLink")} />
              </div>
            )}
          </Alert>
        )}
      </CardContent>
      <form onSubmit={form.handleSubmit} noValidate aria-label={t("account.email.changeTitle")}>
        <CardContent className="border-t border-slate-100">
          <h3 className="mb-3 text-sm font-semibold text-slate-900">{t("account.email.changeTitle")}</h3>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("account.email.newEmail")} error={errors.new_email} hint={t("account.email.newEmailHint")}>
              <Input type="email" autoComplete="email" {...form.register("new_email")} />
            </Field>
            <Field label={t("account.email.password")} error={errors.password}>
              <Input type="password" autoComplete="current-password" {...form.register("password")} />
            </Field>
          </div>
        </CardContent>
        <CardFooter>
          <InlineStatus status={form.formError ? { tone: "error", message: form.formError } : null} />
          <Button type="submit" variant="primary" loading={form.submitting}>
            {t("account.email.change")}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

/** "Your address is not confirmed yet", with a resend button that waits out the cooldown. */
function VerifyNotice({ sentAt, onConfirmed }: { sentAt: string | null; onConfirmed: () => void }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const { secondsLeft, startUntil } = useCooldown(sentAt ? new Date(sentAt).getTime() + RESEND_COOLDOWN_MS : null);
  const [sending, setSending] = useState(false);
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const [link, setLink] = useState<string | null>(null);

  async function resend() {
    setSending(true);
    setStatus(null);
    const result = await apiFetch<{ ok: boolean; link: string | null }>("/api/account/verification", { method: "POST" });
    setSending(false);
    if (result.ok) {
      startUntil(Date.now() + RESEND_COOLDOWN_MS);
      setLink(result.data.link);
      setStatus({ tone: "success", message: result.data.link ? t("account.email.resentOff") : t("account.email.resent") });
      return;
    }
    const wait = result.error.details?.retry_after_seconds;
    if (result.error.code === "rate_limited" && typeof wait === "number") {
      startUntil(Date.now() + wait * 1000);
      return;
    }
    if (result.error.code === "conflict") {
      onConfirmed();
      return;
    }
    setStatus({ tone: "error", message: errorText(result.error) });
  }

  return (
    <Alert variant="warning" title={t("account.email.unverifiedTitle")}>
      <p>{t("account.email.unverifiedBody")}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button size="sm" onClick={resend} loading={sending} disabled={secondsLeft > 0}>
          {secondsLeft > 0 ? t("account.email.resendIn", { seconds: secondsLeft }) : t("account.email.resend")}
        </Button>
        <InlineStatus status={status} />
      </div>
      {link && (
        <div className="mt-2 space-y-1">
          <p>{t("account.email.emailOffLink")}</p>
          <CopyField value={link} label={t("account.email.confirmationLink")} />
        </div>
      )}
    </Alert>
  );
}
