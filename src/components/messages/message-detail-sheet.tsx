"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CallDetailBody } from "@/components/calls/call-detail-body";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { focusRing } from "@/components/ui/styles";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import type { Member } from "@/lib/api-types";
import type { CallLogDetail } from "@/lib/call-log-types";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { cn } from "@/lib/cn";
import { useFormatters } from "@/lib/formatters";
import { type InboxMessage, kindKeys, type MessageStatus, statusKeys } from "@/lib/message-types";
import { useApiResource } from "@/lib/use-api-resource";

interface Props {
  messageId: string | null;
  members: Member[];
  currentUserId: string;
  onClose: () => void;
  onChanged: () => Promise<void>;
}

/** One message beside the call it came from (transcript, recording): status and assignee change here. */
export function MessageDetailSheet({ messageId, onClose, ...rest }: Props) {
  const t = useTranslations();
  return (
    <DialogPrimitive.Root open={messageId !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-slate-900/30 data-[state=open]:animate-fade-in" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-xl flex-col border-l border-slate-200 bg-white shadow-popover outline-none"
        >
          {messageId && <MessageDetail messageId={messageId} {...rest} />}
          <DialogPrimitive.Close
            className={cn("absolute top-4 right-4 rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600", focusRing)}
            aria-label={t("common.close")}
          >
            <X className="size-5" aria-hidden="true" />
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

function MessageDetail({ messageId, members, currentUserId, onChanged }: Omit<Props, "onClose">) {
  const { formatFullDateTime } = useFormatters();
  const message = useApiResource<InboxMessage>(`/api/messages/${messageId}`);
  const current = message.data?.id === messageId ? message.data : null;
  const call = useApiResource<CallLogDetail>(current?.call_id ? `/api/call-logs/${current.call_id}` : null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations();
  const errorText = useApiErrorText();
  const timeZone = useClinicTimeZone();

  async function change(body: { status?: MessageStatus; assignee_id?: string | null }) {
    setSaving(true);
    setError(null);
    const result = await apiFetch<InboxMessage>(`/api/messages/${messageId}`, { method: "PATCH", body });
    setSaving(false);
    if (!result.ok) return setError(errorText(result.error));
    message.setData(() => result.data);
    await onChanged();
  }

  return (
    <>
      <header className="border-b border-slate-200 px-6 py-5 pr-14">
        <DialogPrimitive.Title className="text-base font-semibold text-slate-900">
          {current
            ? t("inbox.detail.title", {
                kind: t(kindKeys[current.kind]),
                caller: current.caller_name ?? current.caller_number ?? t("inbox.withheld"),
              })
            : t("inbox.detail.fallbackTitle")}
        </DialogPrimitive.Title>
        {current && <p className="mt-0.5 text-sm text-slate-500">{formatFullDateTime(current.created_at, timeZone)}</p>}
      </header>
      <div className="flex-1 space-y-6 overflow-y-auto px-6 py-5">
        {message.error && !current ? (
          <Alert variant="danger" title={t("inbox.detail.loadFailed")}>
            {errorText(message.error)}
          </Alert>
        ) : !current ? (
          <SkeletonRows rows={5} />
        ) : (
          <>
            <section className="space-y-3">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={current.status === "done" ? "neutral" : current.status === "new" ? "brand" : "warning"}>
                  {t(statusKeys[current.status])}
                </Badge>
                {current.urgency === "urgent" && <Badge tone="danger">{t("inbox.urgent")}</Badge>}
                {current.status_changed_by && current.status_changed_at && (
                  <span className="text-xs text-slate-500">
                    {t("inbox.detail.since", {
                      status: t(statusKeys[current.status]),
                      time: formatFullDateTime(current.status_changed_at, timeZone),
                      who:
                        current.status_changed_by.id === currentUserId
                          ? t("inbox.detail.you")
                          : (current.status_changed_by.name ??
                            members.find((m) => m.user_id === current.status_changed_by?.id)?.email ??
                            t("inbox.formerMember")),
                    })}
                  </span>
                )}
              </div>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
                <dt className="text-slate-500">{t("inbox.detail.caller")}</dt>
                <dd>{[current.caller_name, current.caller_number].filter(Boolean).join(" · ") || t("inbox.withheld")}</dd>
                <dt className="text-slate-500">{t("inbox.detail.about")}</dt>
                <dd className="text-slate-900">{current.reason ?? t("inbox.noReason")}</dd>
                {current.summary && (
                  <>
                    <dt className="text-slate-500">{t("inbox.detail.notes")}</dt>
                    <dd className="text-slate-800">{current.summary}</dd>
                  </>
                )}
                {current.transcription && (
                  <>
                    <dt className="text-slate-500">{t("inbox.detail.voicemailText")}</dt>
                    <dd className="text-slate-800">{current.transcription}</dd>
                  </>
                )}
              </dl>
              {error && (
                <Alert variant="danger" title={t("inbox.actionFailed")}>
                  {error}
                </Alert>
              )}
              <div className="flex flex-wrap items-end gap-3">
                <label className="space-y-1 text-sm">
                  <span className="block text-slate-600">{t("inbox.detail.statusLabel")}</span>
                  <Select
                    aria-label={t("inbox.detail.statusLabel")}
                    value={current.status}
                    disabled={saving}
                    onChange={(event) => void change({ status: event.target.value as MessageStatus })}
                    options={(["new", "in_progress", "done"] as const).map((s) => ({ value: s, label: t(statusKeys[s]) }))}
                  />
                </label>
                <label className="space-y-1 text-sm">
                  <span className="block text-slate-600">{t("inbox.detail.assigneeLabel")}</span>
                  <Select
                    aria-label={t("inbox.detail.assigneeLabel")}
                    value={current.assignee?.id ?? ""}
                    disabled={saving}
                    onChange={(event) => void change({ assignee_id: event.target.value || null })}
                    options={[
                      { value: "", label: t("inbox.detail.nobody") },
                      ...members.map((m) => ({
                        value: m.user_id,
                        label: m.user_id === currentUserId ? t("inbox.detail.youSuffix", { email: m.email }) : m.email,
                      })),
                    ]}
                  />
                </label>
                {current.status !== "done" && (
                  <Button variant="primary" loading={saving} onClick={() => void change({ status: "done" })}>
                    {t("inbox.markDone")}
                  </Button>
                )}
              </div>
            </section>
            <section className="space-y-3 border-t border-slate-200 pt-5">
              <h3 className="text-sm font-semibold text-slate-900">{t("inbox.detail.theCall")}</h3>
              {!current.call_id ? (
                <p className="text-sm text-slate-500">{t("inbox.detail.noCall")}</p>
              ) : call.data?.id === current.call_id ? (
                <CallDetailBody call={call.data} />
              ) : call.error ? (
                <Alert variant="warning" title={t("inbox.detail.callLoadFailed")}>
                  {errorText(call.error)}
                </Alert>
              ) : (
                <SkeletonRows rows={4} />
              )}
            </section>
          </>
        )}
      </div>
    </>
  );
}
