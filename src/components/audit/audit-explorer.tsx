"use client";

import { Download, ScrollText, X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useApiErrorText } from "@/lib/api-error-text";
import { fetchApi } from "@/lib/api-fetcher";
import type { Member } from "@/lib/api-types";
import { auditActionKeys } from "@/lib/audit-action-keys";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { useApiResource } from "@/lib/use-api-resource";
import { type AuditAction, auditActions, isAuditAction } from "@/shared/audit-actions";

export interface AuditEvent {
  id: string;
  created_at: string;
  action: string;
  object_type: string;
  object_id: string | null;
  details: Record<string, unknown>;
  user: { id: string; email: string | null } | null;
  ip_address: string | null;
  user_agent: string | null;
}

interface AuditPage {
  events: AuditEvent[];
  next_cursor: string | null;
}

interface Filters {
  action: AuditAction | "";
  user_id: string;
  from: string;
  to: string;
}

const noFilters: Filters = { action: "", user_id: "", from: "", to: "" };

function queryOf(filters: Filters): string {
  return new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== "")).toString();
}

/** The audit log with its filters (action, person, dates), newest first, and the CSV export of what is filtered. */
export function AuditExplorer() {
  const t = useTranslations();
  const format = useFormatter();
  const errorText = useApiErrorText();
  const timeZone = useClinicTimeZone();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const query = queryOf(filters);
  const first = useApiResource<AuditPage>(`/api/audit${query ? `?${query}` : ""}`);
  const members = useApiResource<Member[]>("/api/organisation/members");
  // Pages after the first, for the filters they were loaded with.
  const [more, setMore] = useState<{ query: string; events: AuditEvent[]; next: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const extra = more?.query === query ? more : null;
  const events = [...(first.data?.events ?? []), ...(extra?.events ?? [])];
  const next = extra ? extra.next : (first.data?.next_cursor ?? null);
  const badRange = filters.from && filters.to && filters.from > filters.to ? t("audit.filter.badRange") : undefined;

  async function loadMore() {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchApi<AuditPage>(`/api/audit?${query ? `${query}&` : ""}cursor=${encodeURIComponent(next)}`);
      setMore({ query, events: [...(extra?.events ?? []), ...page.events], next: page.next_cursor });
    } catch {
      setMoreError(t("audit.loadMoreFailed"));
    } finally {
      setLoadingMore(false);
    }
  }

  const actionOptions = [
    { value: "", label: t("audit.filter.allActions") },
    ...auditActions.map((action) => ({ value: action, label: t(auditActionKeys[action]) })),
  ];
  const personOptions = [
    { value: "", label: t("audit.filter.everyone") },
    ...(members.data ?? []).map((member) => ({ value: member.user_id, label: member.email })),
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t("audit.filter.action")} className="w-full sm:w-64">
          <Select
            value={filters.action}
            options={actionOptions}
            onChange={(event) => setFilters({ ...filters, action: isAuditAction(event.target.value) ? event.target.value : "" })}
          />
        </Field>
        <Field label={t("audit.filter.person")} className="w-full sm:w-56">
          <Select
            value={filters.user_id}
            options={personOptions}
            onChange={(event) => setFilters({ ...filters, user_id: event.target.value })}
          />
        </Field>
        <Field label={t("audit.filter.from")} className="w-40" error={badRange}>
          <Input
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(event) => setFilters({ ...filters, from: event.target.value })}
          />
        </Field>
        <Field label={t("audit.filter.to")} className="w-40">
          <Input
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(event) => setFilters({ ...filters, to: event.target.value })}
          />
        </Field>
        <div className="mb-1.5 flex gap-2">
          {query && (
            <Button variant="ghost" onClick={() => setFilters(noFilters)}>
              <X aria-hidden="true" />
              {t("audit.filter.clear")}
            </Button>
          )}
          <a
            href={`/api/audit/export.csv${query ? `?${query}` : ""}`}
            className={buttonClasses("secondary", "md")}
            download
            aria-disabled={badRange ? true : undefined}
            onClick={(event) => badRange && event.preventDefault()}
          >
            <Download aria-hidden="true" />
            {t("audit.export")}
          </a>
        </div>
      </div>

      {first.error && !first.data ? (
        <Alert
          variant="danger"
          title={t("audit.loadFailed")}
          action={<Button onClick={() => void first.reload()}>{t("audit.tryAgain")}</Button>}
        >
          {errorText(first.error)}
        </Alert>
      ) : !first.data ? (
        <Card>
          <SkeletonRows rows={5} label={t("audit.loading")} />
        </Card>
      ) : events.length === 0 ? (
        <EmptyState
          icon={ScrollText}
          title={t("audit.empty.title")}
          description={t(query ? "audit.empty.filtered" : "audit.empty.description")}
        />
      ) : (
        <Card>
          <ul aria-label={t("audit.listLabel")} className="divide-y divide-slate-100">
            {events.map((event) => (
              <li key={event.id} data-testid="audit-event" className="space-y-1 px-4 py-3 text-sm sm:px-5">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <p className="font-medium text-slate-900">
                    {isAuditAction(event.action) ? t(auditActionKeys[event.action]) : event.action}
                  </p>
                  <time dateTime={event.created_at} className="text-slate-600 tabular-nums">
                    {format.dateTime(new Date(event.created_at), { timeZone, dateStyle: "medium", timeStyle: "short" })}
                  </time>
                </div>
                <p className="break-words text-slate-700">
                  {event.user ? (event.user.email ?? t("audit.formerMember")) : t("audit.system")}
                  {event.ip_address && <span className="text-slate-600"> · {event.ip_address}</span>}
                </p>
                <p className="break-all text-xs text-slate-600">
                  {event.object_type}
                  {event.object_id && ` ${event.object_id}`}
                  {Object.keys(event.details).length > 0 && ` · ${JSON.stringify(event.details)}`}
                </p>
              </li>
            ))}
          </ul>
          {(next || moreError) && (
            <div className="border-t border-slate-100 px-4 py-3 sm:px-5">
              {moreError && <p className="mb-2 text-sm text-red-700">{moreError}</p>}
              {next && (
                <Button variant="secondary" loading={loadingMore} onClick={() => void loadMore()}>
                  {t("audit.loadMore")}
                </Button>
              )}
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
