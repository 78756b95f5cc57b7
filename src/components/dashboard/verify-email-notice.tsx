"use client";

import { MailWarning } from "lucide-react";
import { useTranslations } from "next-intl";
import { ResendVerification } from "@/components/auth/resend-verification";

/**
 * Above every dashboard page while the person's address is unconfirmed (and email is on): what
 * it blocks, and "Send the link again" honouring the API's one-a-minute cooldown.
 */
export function VerifyEmailNotice({ email, demo }: { email: string; demo: boolean }) {
  const t = useTranslations();
  return (
    <section
      aria-label={t("verifyNotice.label")}
      data-testid="verify-email-notice"
      className="mb-6 flex gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <MailWarning className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden="true" />
      <div className="min-w-0 flex-1 space-y-2.5">
        <p className="break-words">
          {t.rich("verifyNotice.text", { email, b: (chunks) => <strong className="font-semibold">{chunks}</strong> })}
        </p>
        <ResendVerification email={email} demo={demo} size="sm" label={t("verifyNotice.resend")} />
      </div>
    </section>
  );
}
