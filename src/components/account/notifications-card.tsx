"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { InlineStatus } from "@/components/ui/inline-status";
import { Switch } from "@/components/ui/switch";
import type { MessageKey } from "@/i18n/keys";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { type NotificationKind, notificationKinds } from "./account-types";

const kindText = {
  messages: { label: "account.notifications.messages", hint: "account.notifications.messagesHint" },
  voicemails: { label: "account.notifications.voicemails", hint: "account.notifications.voicemailsHint" },
  missed_transfers: { label: "account.notifications.missedTransfers", hint: "account.notifications.missedTransfersHint" },
  daily_digest: { label: "account.notifications.dailyDigest", hint: "account.notifications.dailyDigestHint" },
  calls: { label: "account.notifications.calls", hint: "account.notifications.callsHint" },
  billing: { label: "account.notifications.billing", hint: "account.notifications.billingHint" },
} as const satisfies Record<NotificationKind, { label: MessageKey; hint: MessageKey }>;

/**
 * Which emails the person gets (PUT /api/account/notifications), one switch per kind the API
 * answers (and this page can name), saved as it is flipped. Security notices always go out and
 * are not listed.
 */
export function NotificationsCard({
  choices,
  onSaved,
}: {
  choices: Record<string, boolean>;
  onSaved: (choices: Record<string, boolean>) => void;
}) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const [saving, setSaving] = useState<NotificationKind | null>(null);
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);

  async function choose(kind: NotificationKind, on: boolean) {
    setSaving(kind);
    setStatus(null);
    const result = await apiFetch<{ email_notifications: Record<string, boolean> }>("/api/account/notifications", {
      method: "PUT",
      body: { email_notifications: { [kind]: on } },
    });
    setSaving(null);
    if (result.ok) {
      onSaved(result.data.email_notifications);
      setStatus({ tone: "success", message: t("common.saved") });
    } else {
      setStatus({ tone: "error", message: errorText(result.error) });
    }
  }

  return (
    <Card>
      <CardHeader title={t("account.notifications.title")} description={t("account.notifications.description")} />
      <CardContent className="space-y-4">
        <ul className="space-y-4">
          {notificationKinds
            .filter((kind) => kind in choices)
            .map((kind) => {
              const id = `notify-${kind}`;
              return (
                <li key={kind} className="flex items-start gap-3">
                  <Switch
                    id={id}
                    className="mt-0.5"
                    checked={choices[kind] ?? true}
                    disabled={saving !== null}
                    onCheckedChange={(on) => choose(kind, on)}
                    aria-describedby={`${id}-hint`}
                  />
                  <div className="space-y-0.5">
                    <label htmlFor={id} className="text-sm font-medium text-slate-800">
                      {t(kindText[kind].label)}
                    </label>
                    <p id={`${id}-hint`} className="text-[13px] text-slate-600">
                      {t(kindText[kind].hint)}
                    </p>
                  </div>
                </li>
              );
            })}
        </ul>
        <p className="text-[13px] text-slate-600">{t("account.notifications.security")}</p>
        <InlineStatus status={status} />
      </CardContent>
    </Card>
  );
}
