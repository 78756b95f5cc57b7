"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { DEMO_INBOX_PATH } from "@/shared/account-paths";
import { useResendVerification } from "./use-resend-verification";

/**
 * "Send a new link" for the logged-in person's address, with what came of it on one line below:
 * sent (in demo mode, where to read it), wait N seconds (the API's cooldown), already confirmed.
 */
export function ResendVerification({
  email,
  demo,
  size = "lg",
  label,
}: {
  email?: string;
  demo: boolean;
  size?: "sm" | "lg";
  label?: string;
}) {
  const t = useTranslations();
  const router = useRouter();
  const { state, send, busy } = useResendVerification();
  const bold = (chunks: ReactNode) => <strong className="font-semibold">{chunks}</strong>;

  useEffect(() => {
    // Confirmed meanwhile (in another tab): whatever showed the notice is out of date.
    if (state.kind === "verified") router.refresh();
  }, [state.kind, router]);

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <Button
        variant={size === "lg" ? "primary" : "secondary"}
        size={size}
        loading={state.kind === "sending"}
        disabled={busy}
        onClick={send}
      >
        {label ?? t("auth.verify.sendNew")}
      </Button>
      <p aria-live="polite" className="min-w-0 text-sm break-words">
        {state.kind === "sent" && (email ? t.rich("verifyNotice.sent", { email, b: bold }) : t("verifyNotice.sentGeneric"))}
        {state.kind === "sent" && demo && (
          <>
            {" "}
            <Link href={DEMO_INBOX_PATH} className="font-medium underline">
              {t("verifyNotice.openInbox")}
            </Link>
          </>
        )}
        {state.kind === "sent" && state.link && (
          <>
            {" "}
            {t("verifyNotice.offLink")}{" "}
            <a href={state.link} className="font-medium break-all underline">
              {state.link}
            </a>
          </>
        )}
        {state.kind === "wait" && t("verifyNotice.wait", { seconds: state.seconds })}
        {state.kind === "verified" && t("verifyNotice.alreadyVerified")}
        {state.kind === "error" && state.message}
      </p>
    </div>
  );
}
