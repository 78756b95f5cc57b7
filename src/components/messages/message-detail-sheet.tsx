"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { useState } from "react";
import { CallDetailBody } from "@/components/calls/call-detail-body";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { focusRing } from "@/components/ui/styles";
import { apiFetch } from "@/lib/api-client";
import type { Member } from "@/lib/api-types";
import { formatCaller, formatFullDateTime } from "@/lib/call-format";
import type { CallLogDetail } from "@/lib/call-log-types";
import { cn } from "@/lib/cn";
import { type InboxMessage, kindLabels, type MessageStatus, statusLabels } from "@/lib/message-types";
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
            aria-label="Close"
          >
            <X className="size-5" aria-hidden="true" />
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

function MessageDetail({ messageId, members, currentUserId, onChanged }: Omit<Props, "onClose">) {
  const message = useApiResource<InboxMessage>(`/api/messages/${messageId}`);
  const current = message.data?.id === messageId ? message.data : null;
  const call = useApiResource<CallLogDetail>(current?.call_id ? `/api/call-logs/${current.call_id}` : null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(body: { status?: MessageStatus; assignee_id?: string | null }) {
    setSaving(true);
    setError(null);
    const result = await apiFetch<InboxMessage>(`/api/messages/${messageId}`, { method: "PATCH", body });
    setSaving(false);
    if (!result.ok) return setError(result.error.message);
    message.setData(() => result.data);
    await onChanged();
  }

  return (
    <>
      <header className="border-b border-slate-200 px-6 py-5 pr-14">
        <DialogPrimitive.Title className="text-base font-semibold text-slate-900">
          {current ? `${kindLabels[current.kind]} from ${current.caller_name ?? formatCaller(current.caller_number)}` : "Message"}
        </DialogPrimitive.Title>
        {current && <p className="mt-0.5 text-sm text-slate-500">{formatFullDateTime(current.created_at)}</p>}
      </header>
      <div className="flex-1 space-y-6 overflow-y-auto px-6 py-5">
        {message.error && !current ? (
          <Alert variant="danger" title="This message could not be loaded">
            {message.error.message}
          </Alert>
        ) : !current ? (
          <SkeletonRows rows={5} />
        ) : (
          <>
            <section className="space-y-3">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={current.status === "done" ? "neutral" : current.status === "new" ? "brand" : "warning"}>
                  {statusLabels[current.status]}
                </Badge>
                {current.urgency === "urgent" && <Badge tone="danger">Urgent</Badge>}
                {current.status_changed_by && current.status_changed_at && (
                  <span className="text-xs text-slate-500">
                    {statusLabels[current.status]} since {formatFullDateTime(current.status_changed_at)} (
                    {current.status_changed_by.id === currentUserId
                      ? "you"
                      : (current.status_changed_by.name ??
                        members.find((m) => m.user_id === current.status_changed_by?.id)?.email ??
                        "a former member")}
                    )
                  </span>
                )}
              </div>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
                <dt className="text-slate-500">Caller</dt>
                <dd>{[current.caller_name, current.caller_number].filter(Boolean).join(" · ") || "Withheld"}</dd>
                <dt className="text-slate-500">About</dt>
                <dd className="text-slate-900">{current.reason ?? "No reason given"}</dd>
                {current.summary && (
                  <>
                    <dt className="text-slate-500">Notes</dt>
                    <dd className="text-slate-800">{current.summary}</dd>
                  </>
                )}
                {current.transcription && (
                  <>
                    <dt className="text-slate-500">Voicemail text</dt>
                    <dd className="text-slate-800">{current.transcription}</dd>
                  </>
                )}
              </dl>
              {error && (
                <Alert variant="danger" title="That did not work">
                  {error}
                </Alert>
              )}
              <div className="flex flex-wrap items-end gap-3">
                <label className="space-y-1 text-sm">
                  <span className="block text-slate-600">Status</span>
                  <Select
                    aria-label="Status"
                    value={current.status}
                    disabled={saving}
                    onChange={(event) => void change({ status: event.target.value as MessageStatus })}
                    options={(["new", "in_progress", "done"] as const).map((s) => ({ value: s, label: statusLabels[s] }))}
                  />
                </label>
                <label className="space-y-1 text-sm">
                  <span className="block text-slate-600">Assigned to</span>
                  <Select
                    aria-label="Assigned to"
                    value={current.assignee?.id ?? ""}
                    disabled={saving}
                    onChange={(event) => void change({ assignee_id: event.target.value || null })}
                    options={[
                      { value: "", label: "Nobody" },
                      ...members.map((m) => ({ value: m.user_id, label: m.user_id === currentUserId ? `${m.email} (you)` : m.email })),
                    ]}
                  />
                </label>
                {current.status !== "done" && (
                  <Button variant="primary" loading={saving} onClick={() => void change({ status: "done" })}>
                    Mark done
                  </Button>
                )}
              </div>
            </section>
            <section className="space-y-3 border-t border-slate-200 pt-5">
              <h3 className="text-sm font-semibold text-slate-900">The call</h3>
              {!current.call_id ? (
                <p className="text-sm text-slate-500">This message did not come from a call.</p>
              ) : call.data?.id === current.call_id ? (
                <CallDetailBody call={call.data} />
              ) : call.error ? (
                <Alert variant="warning" title="The call could not be loaded">
                  {call.error.message}
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
