"use client";

import { Building2, LinkIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { MessageKey } from "@/i18n/keys";
import { type ApiError, apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import type { InvitationPreview } from "@/lib/api-types";
import { withNext } from "@/lib/safe-next";
import { InvitationSummary } from "./invitation-summary";

export interface AcceptInvitationProps {
  token: string;
  /** The signed-in person's email, or null when nobody is signed in. */
  signedInEmail: string | null;
}

type Loaded = { state: "loading" } | { state: "failed"; error: ApiError } | { state: "ready"; preview: InvitationPreview };

/** Previews an invitation (POST /api/invitations/preview) and lets the right person accept it. */
export function AcceptInvitation({ token, signedInEmail }: AcceptInvitationProps) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    // apiFetch never rejects: it resolves to { ok: false, error } on failure.
    void apiFetch<InvitationPreview>("/api/invitations/preview", { method: "POST", body: { token }, signal: controller.signal }).then(
      (result) => {
        if (controller.signal.aborted) return;
        setLoaded(result.ok ? { state: "ready", preview: result.data } : { state: "failed", error: result.error });
      },
    );
    return () => controller.abort();
  }, [token]);

  if (!token || loaded.state === "failed") {
    // No token: the link was cut off. A token no invitation has (or not even the shape of one): invalid.
    // A real invitation that was used, withdrawn or expired: the API's message says which.
    const invalid = loaded.state === "failed" && (loaded.error.code === "invalid_input" || loaded.error.code === "not_found");
    return (
      <EmptyState
        icon={LinkIcon}
        titleAs="h1"
        title={
          !token
            ? t("invitations.accept.incompleteTitle")
            : invalid
              ? t("invitations.accept.invalidTitle")
              : t("invitations.accept.unusableLinkTitle")
        }
        description={
          !token
            ? t("invitations.accept.incompleteDescription")
            : invalid
              ? t("invitations.accept.invalidDescription")
              : loaded.state === "failed"
                ? errorText(loaded.error)
                : undefined
        }
        action={
          <Button asChild>
            <Link href="/">{t("invitations.accept.goHome")}</Link>
          </Button>
        }
      />
    );
  }
  if (loaded.state === "loading") return <PreviewSkeleton />;
  return <InvitationDecision token={token} preview={loaded.preview} signedInEmail={signedInEmail} />;
}

function InvitationDecision({
  token,
  preview,
  signedInEmail,
}: {
  token: string;
  preview: InvitationPreview;
  signedInEmail: string | null;
}) {
  const t = useTranslations();
  const back = `/invitations/accept?token=${encodeURIComponent(token)}`;
  const isForSomeoneElse = signedInEmail !== null && signedInEmail.toLowerCase() !== preview.email.toLowerCase();
  return (
    <Card>
      <CardContent className="space-y-6 pt-7">
        <div className="flex flex-col items-center text-center">
          <div className="flex size-12 items-center justify-center rounded-xl bg-brand-50 text-brand-600 ring-1 ring-brand-100">
            <Building2 className="size-6" aria-hidden="true" />
          </div>
          <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">
            {t("invitations.accept.title", { clinic: preview.organisation_name })}
          </h1>
          <p className="mt-1 text-sm text-slate-500">{t("invitations.accept.subtitle")}</p>
        </div>
        <InvitationSummary preview={preview} />
        {preview.status !== "pending" ? (
          <Alert variant="warning" title={t("invitations.accept.unusableTitle")}>
            {t(unusableMessageKeys[preview.status])}
          </Alert>
        ) : signedInEmail === null ? (
          <SignedOutChoices back={back} email={preview.email} />
        ) : isForSomeoneElse ? (
          <WrongAccount back={back} invitedEmail={preview.email} signedInEmail={signedInEmail} />
        ) : (
          <AcceptButton token={token} clinic={preview.organisation_name} />
        )}
      </CardContent>
      {signedInEmail && (
        <p className="rounded-b-xl border-t border-slate-200 bg-slate-50/70 px-5 py-3 text-center text-[13px] text-slate-500">
          {t.rich("invitations.accept.signedInAs", {
            email: signedInEmail,
            strong: (chunks) => <span className="font-medium text-slate-700">{chunks}</span>,
          })}
        </p>
      )}
    </Card>
  );
}

const unusableMessageKeys = {
  accepted: "invitations.accept.usedAlready",
  revoked: "invitations.accept.withdrawn",
  expired: "invitations.accept.expired",
} as const satisfies Record<Exclude<InvitationPreview["status"], "pending">, MessageKey>;

function SignedOutChoices({ back, email }: { back: string; email: string }) {
  const t = useTranslations();
  return (
    <div className="space-y-3">
      <p className="text-center text-sm text-slate-600">
        {t.rich("invitations.accept.signInToAccept", {
          email,
          strong: (chunks) => <span className="font-medium text-slate-900">{chunks}</span>,
        })}
      </p>
      <Button asChild variant="primary" size="lg" className="w-full">
        <Link href={withNext("/signup", back, { email })}>{t("invitations.accept.createAccount")}</Link>
      </Button>
      <Button asChild size="lg" className="w-full">
        <Link href={withNext("/login", back, { email })}>{t("invitations.accept.haveAccount")}</Link>
      </Button>
    </div>
  );
}

function WrongAccount({ back, invitedEmail, signedInEmail }: { back: string; invitedEmail: string; signedInEmail: string }) {
  const t = useTranslations();
  const [busy, setBusy] = useState(false);
  async function switchAccount() {
    setBusy(true);
    await apiFetch("/api/auth/logout", { method: "POST" });
    window.location.assign(withNext("/login", back, { email: invitedEmail }));
  }
  return (
    <div className="space-y-4">
      <Alert variant="warning" title={t("invitations.accept.otherAddressTitle")}>
        {t("invitations.accept.otherAddress", { invited: invitedEmail, signedIn: signedInEmail })}
      </Alert>
      <Button variant="primary" size="lg" className="w-full" loading={busy} onClick={switchAccount}>
        {t("invitations.accept.switchAccount")}
      </Button>
    </div>
  );
}

function AcceptButton({ token, clinic }: { token: string; clinic: string }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function accept() {
    setBusy(true);
    setError(null);
    const result = await apiFetch("/api/invitations/accept", { method: "POST", body: { token } });
    if (!result.ok) {
      setError(errorText(result.error));
      setBusy(false);
      return;
    }
    router.push("/dashboard");
    router.refresh();
  }
  return (
    <div className="space-y-4">
      {error && <Alert variant="danger">{error}</Alert>}
      <Button variant="primary" size="lg" className="w-full" loading={busy} onClick={accept}>
        {t("invitations.accept.acceptAndJoin", { clinic })}
      </Button>
    </div>
  );
}

function PreviewSkeleton() {
  const t = useTranslations();
  return (
    <Card>
      <div className="flex flex-col items-center gap-4 px-5 py-10" role="status">
        <span className="sr-only">{t("invitations.accept.loading")}</span>
        <Skeleton className="size-12" />
        <Skeleton className="h-5 w-48" />
        <Skeleton className="h-4 w-64" />
        <Skeleton className="mt-4 h-24 w-full" />
      </div>
    </Card>
  );
}
