"use client";

import { Laptop } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { InlineStatus } from "@/components/ui/inline-status";
import { SkeletonRows } from "@/components/ui/skeleton";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useApiResource } from "@/lib/use-api-resource";
import { type AccountSession, SESSIONS_PATH } from "./account-types";

/**
 * Where the person is signed in (GET /api/account/sessions): device in words, address, last use
 * in the person's own time zone (the browser's), "this device" marked; sign one out, or every
 * other one. Loaded in the browser only, so times are never drawn in the server's zone.
 */
export function SessionsCard() {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const sessions = useApiResource<{ sessions: AccountSession[] }>(SESSIONS_PATH);
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = sessions.data?.sessions ?? null;
  const others = list?.filter((s) => !s.current).length ?? 0;

  async function signOut(session: AccountSession) {
    setBusy(session.id);
    setStatus(null);
    const result = await apiFetch(`/api/account/sessions/${session.id}`, { method: "DELETE" });
    setBusy(null);
    if (result.ok || result.error.code === "not_found") {
      sessions.setData((current) => current && { sessions: current.sessions.filter((s) => s.id !== session.id) });
      setStatus({ tone: "success", message: t("account.sessions.signedOutOne") });
      await sessions.reload();
    } else {
      setStatus({ tone: "error", message: errorText(result.error) });
    }
  }

  async function signOutOthers() {
    setBusy("others");
    setStatus(null);
    const result = await apiFetch<{ signed_out_sessions: number }>("/api/account/sessions/sign-out-others", { method: "POST" });
    setBusy(null);
    if (result.ok) {
      setStatus({ tone: "success", message: t("account.sessions.signedOutOthers", { count: result.data.signed_out_sessions }) });
      await sessions.reload();
    } else {
      setStatus({ tone: "error", message: errorText(result.error) });
    }
  }

  return (
    <Card>
      <CardHeader title={t("account.sessions.title")} description={t("account.sessions.description")} />
      {list === null && sessions.error ? (
        <CardContent>
          <Alert
            variant="danger"
            action={
              <Button size="sm" onClick={() => sessions.reload()}>
                {t("account.sessions.retry")}
              </Button>
            }
          >
            {errorText(sessions.error)}
          </Alert>
        </CardContent>
      ) : list === null ? (
        <SkeletonRows rows={2} />
      ) : (
        <CardContent>
          <ul aria-label={t("account.sessions.listLabel")} className="divide-y divide-slate-100">
            {list.map((session) => (
              <SessionRow key={session.id} session={session} busy={busy === session.id} onSignOut={() => signOut(session)} />
            ))}
          </ul>
          {others === 0 && <p className="mt-3 text-sm text-slate-600">{t("account.sessions.onlyThis")}</p>}
        </CardContent>
      )}
      <CardFooter>
        <InlineStatus status={status} />
        <Button onClick={signOutOthers} loading={busy === "others"} disabled={others === 0 || busy !== null}>
          {t("account.sessions.signOutOthers")}
        </Button>
      </CardFooter>
    </Card>
  );
}

function SessionRow({ session, busy, onSignOut }: { session: AccountSession; busy: boolean; onSignOut: () => void }) {
  const t = useTranslations();
  const locale = useLocale();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const device =
    session.browser && session.os
      ? t("account.sessions.device", { browser: session.browser, os: session.os })
      : (session.browser ?? session.os ?? t("account.sessions.unknownDevice"));
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3 first:pt-0 last:pb-0" data-testid="account-session">
      <Laptop className="size-5 shrink-0 text-slate-500" aria-hidden="true" />
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
          {device}
          {session.current && <Badge tone="brand">{t("account.sessions.thisDevice")}</Badge>}
        </p>
        <p className="text-[13px] text-slate-600">
          {session.ip_address ? t("account.sessions.address", { address: session.ip_address }) : t("account.sessions.noAddress")}
          {" · "}
          {t("account.sessions.lastSeen", { when: when.format(new Date(session.last_seen_at)) })}
        </p>
        <p className="text-[13px] text-slate-600">{t("account.sessions.since", { when: when.format(new Date(session.created_at)) })}</p>
      </div>
      {!session.current && (
        <Button
          size="sm"
          variant="secondary"
          loading={busy}
          onClick={onSignOut}
          aria-label={t("account.sessions.signOutNamed", { device })}
        >
          {t("account.sessions.signOut")}
        </Button>
      )}
    </li>
  );
}
