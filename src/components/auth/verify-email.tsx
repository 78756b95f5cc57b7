"use client";

import { CheckCircle2, Clock, Link2Off, Loader2, MailWarning, UserX } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { apiFetch, fieldErrorsOf } from "@/lib/api-client";
import { ACCOUNT_PATH } from "@/shared/account-paths";
import { LinkOutcome } from "./link-outcome";
import { type LinkRefusal, linkRefusalOf, tokenFromFragment } from "./link-token";
import { LogOutAndReload } from "./log-out-and-reload";
import { ResendVerification } from "./resend-verification";

type State = { kind: "checking" } | { kind: "done"; email: string; changed: boolean } | { kind: "refused"; reason: LinkRefusal };

/**
 * The Verify email page: posts the fragment's token once (POST /api/auth/verify-email) and says
 * what happened: confirmed (or, for an email change, the new address in effect), or which refusal
 * (expired, used, not valid, another account's, the new address taken meanwhile). A logged-in
 * person can send a new link from here; anyone else is offered the log-in page.
 */
export function VerifyEmail({ signedIn, demo }: { signedIn: boolean; demo: boolean }) {
  const t = useTranslations();
  const [state, setState] = useState<State>({ kind: "checking" });
  const posted = useRef(false);

  useEffect(() => {
    // Once per page load: the link works once, and a second post would say "used".
    if (posted.current) return;
    posted.current = true;
    const token = tokenFromFragment(window.location.hash);
    if (!token) {
      setState({ kind: "refused", reason: "link_invalid" });
      return;
    }
    void apiFetch<{ email: string; changed: boolean }>("/api/auth/verify-email", { method: "POST", body: { token } }).then((result) => {
      if (result.ok) {
        setState({ kind: "done", email: result.data.email, changed: result.data.changed });
        return;
      }
      const reason =
        linkRefusalOf(result.error.details?.reason) ??
        (result.error.code === "invalid_input" && "token" in fieldErrorsOf(result.error) ? "link_invalid" : null);
      // Offline or busy: the page cannot tell; the link was not used, so opening it again works.
      setState({ kind: "refused", reason: reason ?? "link_invalid" });
    });
  }, []);

  if (state.kind === "checking")
    return <LinkOutcome icon={Loader2} tone="busy" title={t("auth.verify.checking")} testId="verify-checking" />;

  if (state.kind === "done") {
    const bold = (chunks: ReactNode) => <strong className="font-semibold text-slate-900">{chunks}</strong>;
    return (
      <LinkOutcome
        icon={CheckCircle2}
        tone="success"
        title={t("auth.verify.doneTitle")}
        testId="verify-done"
        action={
          <Link href={signedIn ? "/dashboard" : "/login"} className={buttonClasses("primary", "lg")}>
            {signedIn ? t("auth.verify.continue") : t("auth.logIn")}
          </Link>
        }
      >
        <p>
          {state.changed
            ? t.rich("auth.verify.doneChanged", { email: state.email, b: bold })
            : t.rich("auth.verify.done", { email: state.email, b: bold })}
        </p>
      </LinkOutcome>
    );
  }

  const next = signedIn ? (
    <ResendVerification demo={demo} />
  ) : (
    <Link href="/login" className={buttonClasses("primary", "lg")}>
      {t("auth.verify.logInToSend")}
    </Link>
  );
  switch (state.reason) {
    case "other_account":
      return (
        <LinkOutcome
          icon={UserX}
          tone="warning"
          title={t("auth.verify.otherAccountTitle")}
          testId="verify-other_account"
          action={<LogOutAndReload />}
        >
          <p>{t("auth.verify.otherAccount")}</p>
        </LinkOutcome>
      );
    case "email_taken":
      return (
        <LinkOutcome
          icon={MailWarning}
          tone="warning"
          title={t("auth.verify.emailTakenTitle")}
          testId="verify-email_taken"
          action={
            <Link href={signedIn ? ACCOUNT_PATH : "/login"} className={buttonClasses("primary", "lg")}>
              {signedIn ? t("auth.verify.toAccount") : t("auth.logIn")}
            </Link>
          }
        >
          <p>{t("auth.verify.emailTaken")}</p>
        </LinkOutcome>
      );
    case "link_expired":
      return (
        <LinkOutcome icon={Clock} tone="warning" title={t("auth.verify.expiredTitle")} testId="verify-link_expired" action={next}>
          <p>{t("auth.verify.expired")}</p>
        </LinkOutcome>
      );
    case "link_used":
      return (
        <LinkOutcome icon={Link2Off} tone="warning" title={t("auth.verify.usedTitle")} testId="verify-link_used" action={next}>
          <p>{t("auth.verify.used")}</p>
        </LinkOutcome>
      );
    default:
      return (
        <LinkOutcome icon={Link2Off} tone="danger" title={t("auth.verify.invalidTitle")} testId="verify-link_invalid" action={next}>
          <p>{t("auth.verify.invalid")}</p>
        </LinkOutcome>
      );
  }
}
