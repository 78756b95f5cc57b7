"use client";

import { AlertTriangle, Inbox, Mic, Phone } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { useSWRConfig } from "swr";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { focusRing } from "@/components/ui/styles";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import type { Member } from "@/lib/api-types";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { cn } from "@/lib/cn";
import { useFormatters } from "@/lib/formatters";
import { type InboxMessage, kindKeys, type MessagePage, type MessageStatus, statusKeys, UNREAD_COUNT_PATH } from "@/lib/message-types";
import { useApiResource } from "@/lib/use-api-resource";
import { MessageDetailSheet } from "./message-detail-sheet";

const views = [
  { id: "open", label: "inbox.view.open", status: "new,in_progress" },
  { id: "new", label: "inbox.view.new", status: "new" },
  { id: "done", label: "inbox.view.done", status: "done" },
  { id: "all", label: "inbox.view.all", status: "" },
] as const;
type ViewId = (typeof views)[number]["id"];

const statusTone: Record<MessageStatus, "brand" | "warning" | "neutral"> = { new: "brand", in_progress: "warning", done: "neutral" };

function listPath(view: ViewId, mine: boolean, cursor?: string): string {
  const params = new URLSearchParams({ limit: "25" });
  const status = views.find((v) => v.id === view)?.status;
  if (status) params.set("status", status);
  if (mine) params.set("assignee", "me");
  if (cursor) params.set("cursor", cursor);
  return `/api/messages?${params}`;
}

/** The clinic's inbox: filters, the list (newest first, more on demand), and one message at a time in a sheet. */
export function MessagesInbox({ currentUserId }: { currentUserId: string }) {
  const { formatCallTime } = useFormatters();
  const [view, setView] = useState<ViewId>("open");
  const [mine, setMine] = useState(false);
  const [more, setMore] = useState<{ messages: InboxMessage[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  // A notification's link (/dashboard/messages?message=<id>) opens that message.
  useEffect(() => {
    const linked = new URLSearchParams(window.location.search).get("message");
    if (linked && /^[0-9a-f-]{36}$/i.test(linked)) setOpenId(linked);
  }, []);
  const [actionError, setActionError] = useState<string | null>(null);
  const path = listPath(view, mine);
  const page = useApiResource<MessagePage>(path);
  const members = useApiResource<Member[]>("/api/organisation/members");
  const { mutate } = useSWRConfig();
  const t = useTranslations();
  const errorText = useApiErrorText();
  const timeZone = useClinicTimeZone();
  const assigneeName = (assignee: { id: string; name: string | null }) => {
    if (assignee.id === currentUserId) return t("inbox.assignedToYou");
    const email = members.data?.find((m) => m.user_id === assignee.id)?.email;
    return t("inbox.assignedTo", { name: assignee.name ?? email ?? t("inbox.formerMember") });
  };
  const caller = (message: InboxMessage) => message.caller_name ?? message.caller_number ?? t("inbox.withheld");

  const messages = [...(page.data?.messages ?? []), ...(more?.messages ?? [])];
  const nextCursor = more ? more.cursor : (page.data?.next_cursor ?? null);

  const refresh = useCallback(async () => {
    setMore(null);
    await Promise.all([page.reload(), mutate(UNREAD_COUNT_PATH)]);
  }, [page, mutate]);

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    const result = await apiFetch<MessagePage>(listPath(view, mine, nextCursor));
    setLoadingMore(false);
    if (!result.ok) return setActionError(errorText(result.error));
    setMore({ messages: [...(more?.messages ?? []), ...result.data.messages], cursor: result.data.next_cursor });
  }

  async function markDone(message: InboxMessage) {
    setActionError(null);
    const result = await apiFetch(`/api/messages/${message.id}`, { method: "PATCH", body: { status: "done" } });
    if (!result.ok) setActionError(errorText(result.error));
    await refresh();
  }

  function choose(next: ViewId) {
    setView(next);
    setMore(null);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="tablist" aria-label={t("inbox.viewsLabel")} className="inline-flex rounded-lg bg-slate-100 p-0.5">
          {views.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              aria-selected={view === v.id}
              onClick={() => choose(v.id)}
              className={cn(
                "rounded-md px-3 py-1 text-sm",
                focusRing,
                view === v.id ? "bg-white font-medium text-slate-900 shadow-xs" : "text-slate-600 hover:text-slate-900",
              )}
            >
              {t(v.label)}
              {v.id === "new" && page.data && page.data.unread_count > 0 && (
                <span className="ml-1.5 tabular-nums text-brand-700">{page.data.unread_count}</span>
              )}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={mine}
            onChange={(event) => {
              setMine(event.target.checked);
              setMore(null);
            }}
          />
          {t("inbox.assignedToMe")}
        </label>
      </div>

      {actionError && (
        <Alert variant="danger" title={t("inbox.actionFailed")}>
          {actionError}
        </Alert>
      )}

      {page.error && !page.data ? (
        <Alert
          variant="danger"
          title={t("inbox.loadFailed")}
          action={
            <Button size="sm" onClick={() => void page.reload()}>
              {t("inbox.tryAgain")}
            </Button>
          }
        >
          {errorText(page.error)}
        </Alert>
      ) : !page.data ? (
        <Card className="p-4">
          <SkeletonRows rows={4} />
        </Card>
      ) : messages.length === 0 ? (
        <EmptyState
          icon={Inbox}
          title={view === "open" || view === "new" ? t("inbox.emptyWaiting") : t("inbox.emptyHere")}
          description={t("inbox.emptyDescription")}
        />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {messages.map((message) => (
              <li key={message.id} className="flex items-start gap-3 px-4 py-3">
                <button
                  type="button"
                  onClick={() => setOpenId(message.id)}
                  className={cn("min-w-0 flex-1 rounded-md text-left", focusRing)}
                  aria-label={t("inbox.openMessage", { caller: caller(message) })}
                >
                  <span className="flex flex-wrap items-center gap-2">
                    <span className={cn("truncate text-sm text-slate-900", message.status === "new" && "font-semibold")}>
                      {caller(message)}
                    </span>
                    <Badge tone={statusTone[message.status]}>{t(statusKeys[message.status])}</Badge>
                    {message.urgency === "urgent" && (
                      <Badge tone="danger">
                        <AlertTriangle className="mr-1 size-3" aria-hidden="true" />
                        {t("inbox.urgent")}
                      </Badge>
                    )}
                    <span className="text-xs text-slate-500">{t(kindKeys[message.kind])}</span>
                    {message.kind === "voicemail" && <Mic className="size-3.5 text-slate-400" aria-label={t("inbox.hasRecording")} />}
                  </span>
                  <span className="mt-0.5 block truncate text-sm text-slate-600">
                    {message.reason ?? message.summary ?? t("inbox.noReason")}
                  </span>
                  <span className="mt-0.5 flex items-center gap-2 text-xs text-slate-500">
                    <span>{formatCallTime(message.created_at, timeZone)}</span>
                    {message.caller_number && (
                      <span className="flex items-center gap-1 tabular-nums">
                        <Phone className="size-3" aria-hidden="true" />
                        {message.caller_number}
                      </span>
                    )}
                    {message.assignee && <span>· {assigneeName(message.assignee)}</span>}
                  </span>
                </button>
                {message.status !== "done" && (
                  <Button size="sm" variant="secondary" onClick={() => void markDone(message)}>
                    {t("inbox.markDone")}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {nextCursor && (
            <div className="border-t border-slate-100 p-3 text-center">
              <Button size="sm" variant="ghost" loading={loadingMore} onClick={() => void loadMore()}>
                {t("inbox.showMore")}
              </Button>
            </div>
          )}
        </Card>
      )}

      <MessageDetailSheet
        messageId={openId}
        members={members.data ?? []}
        currentUserId={currentUserId}
        onClose={() => setOpenId(null)}
        onChanged={refresh}
      />
    </div>
  );
}
