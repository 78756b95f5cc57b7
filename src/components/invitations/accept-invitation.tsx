"use client";

import { Building2, LinkIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { type ApiError, apiFetch } from "@/lib/api-client";
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
            ? "This invitation link is incomplete"
            : invalid
              ? "This invitation link is not valid"
              : "This invitation link doesn't work"
        }
        description={
          !token
            ? "Open the full link you were sent, or ask the clinic to invite you again."
            : invalid
              ? "No invitation has this link. Check that you copied all of it, or ask the clinic to invite you again."
              : loaded.state === "failed"
                ? loaded.error.message
                : undefined
        }
        action={
          <Button asChild>
            <Link href="/">Go to Clinicall</Link>
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
  const back = `/invitations/accept?token=${encodeURIComponent(token)}`;
  const isForSomeoneElse = signedInEmail !== null && signedInEmail.toLowerCase() !== preview.email.toLowerCase();
  return (
    <Card>
      <CardContent className="space-y-6 pt-7">
        <div className="flex flex-col items-center text-center">
          <div className="flex size-12 items-center justify-center rounded-xl bg-brand-50 text-brand-600 ring-1 ring-brand-100">
            <Building2 className="size-6" aria-hidden="true" />
          </div>
          <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">Join {preview.organisation_name}</h1>
          <p className="mt-1 text-sm text-slate-500">You&apos;ve been invited to the clinic&apos;s Clinicall workspace.</p>
        </div>
        <InvitationSummary preview={preview} />
        {preview.status !== "pending" ? (
          <Alert variant="warning" title="This invitation can't be used">
            {unusableMessage[preview.status]}
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
          Signed in as <span className="font-medium text-slate-700">{signedInEmail}</span>
        </p>
      )}
    </Card>
  );
}

const unusableMessage = {
  accepted: "It has already been used. If you accepted it, the clinic is in your dashboard; otherwise ask the clinic for a new one.",
  revoked: "The clinic withdrew it. Ask them for a new invitation.",
  expired: "It has expired (invitations last 7 days). Ask the clinic for a new one.",
} as const;

function SignedOutChoices({ back, email }: { back: string; email: string }) {
  return (
    <div className="space-y-3">
      <p className="text-center text-sm text-slate-600">
        To accept, sign up or log in as <span className="font-medium text-slate-900">{email}</span>. You&apos;ll come back here afterwards.
      </p>
      <Button asChild variant="primary" size="lg" className="w-full">
        <Link href={withNext("/signup", back, { email })}>Create an account</Link>
      </Button>
      <Button asChild size="lg" className="w-full">
        <Link href={withNext("/login", back, { email })}>I already have an account</Link>
      </Button>
    </div>
  );
}

function WrongAccount({ back, invitedEmail, signedInEmail }: { back: string; invitedEmail: string; signedInEmail: string }) {
  const [busy, setBusy] = useState(false);
  async function switchAccount() {
    setBusy(true);
    await apiFetch("/api/auth/logout", { method: "POST" });
    window.location.assign(withNext("/login", back, { email: invitedEmail }));
  }
  return (
    <div className="space-y-4">
      <Alert variant="warning" title="This invitation is for another address">
        It was sent to {invitedEmail}, but you&apos;re signed in as {signedInEmail}. Log in with the invited address to accept it.
      </Alert>
      <Button variant="primary" size="lg" className="w-full" loading={busy} onClick={switchAccount}>
        Log out and switch account
      </Button>
    </div>
  );
}

function AcceptButton({ token, clinic }: { token: string; clinic: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function accept() {
    setBusy(true);
    setError(null);
    const result = await apiFetch("/api/invitations/accept", { method: "POST", body: { token } });
    if (!result.ok) {
      setError(result.error.message);
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
        Accept and join {clinic}
      </Button>
    </div>
  );
}

function PreviewSkeleton() {
  return (
    <Card>
      <div className="flex flex-col items-center gap-4 px-5 py-10" role="status">
        <span className="sr-only">Loading the invitation</span>
        <Skeleton className="size-12" />
        <Skeleton className="h-5 w-48" />
        <Skeleton className="h-4 w-64" />
        <Skeleton className="mt-4 h-24 w-full" />
      </div>
    </Card>
  );
}
