"use client";

import { CreditCard, Receipt } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { focusRing } from "@/components/ui/styles";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import { useApiResource } from "@/lib/use-api-resource";
import {
  daysUntil,
  ownerAction,
  SUBSCRIPTION_STATUS_PATH,
  type SubscriptionStatus,
  useBillingRedirect,
  useLongDate,
} from "./billing-status";

interface Usage {
  total_minutes: number;
  days: { date: string; minutes: number }[];
}
interface Invoice {
  id: string;
  number: string | null;
  status: string | null;
  amount_due: number;
  amount_paid: number;
  currency: string;
  created: string;
  hosted_invoice_url: string | null;
}
interface Invoices {
  billing_enabled: boolean;
  invoices: Invoice[];
}

const REASON_KEYS = {
  billing_off: "billing.reason.billing_off",
  trial: "billing.reason.trial",
  trial_over: "billing.reason.trial_over",
  trialing: "billing.reason.trialing",
  active: "billing.reason.active",
  past_due: "billing.reason.past_due",
  past_due_grace_over: "billing.reason.past_due_grace_over",
  unpaid: "billing.reason.unpaid",
  canceled: "billing.reason.canceled",
  incomplete_expired: "billing.reason.incomplete_expired",
  paused: "billing.reason.paused",
} as const;

const STATUS_KEYS = {
  none: "billing.status.none",
  trialing: "billing.status.trialing",
  active: "billing.status.active",
  past_due: "billing.status.past_due",
  unpaid: "billing.status.unpaid",
  canceled: "billing.status.canceled",
  incomplete: "billing.status.incomplete",
  incomplete_expired: "billing.status.incomplete_expired",
  paused: "billing.status.paused",
} as const;

const INVOICE_STATUS_KEYS = {
  draft: "billing.invoiceStatus.draft",
  open: "billing.invoiceStatus.open",
  paid: "billing.invoiceStatus.paid",
  uncollectible: "billing.invoiceStatus.uncollectible",
  void: "billing.invoiceStatus.void",
} as const;

const INVOICE_TONES: Record<string, BadgeTone> = { paid: "success", open: "warning", uncollectible: "danger", void: "neutral" };

function statusTone(s: SubscriptionStatus): BadgeTone {
  if (!s.access.serve) return "danger";
  if (s.access.banner === "payment_failed") return "warning";
  return s.status === "active" ? "success" : "info";
}

/**
 * The Billing page: plan and status in plain words, trial days left, next renewal, minutes this
 * period against the included ones (a bar and a per-day chart), the last invoices with links,
 * and the owner's buttons (Subscribe / Manage billing / Update card). Everyone else reads it.
 */
export function BillingPanel({ isOwner, today }: { isOwner: boolean; today: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const longDate = useLongDate();
  const status = useApiResource<SubscriptionStatus>(SUBSCRIPTION_STATUS_PATH);
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const usage = useApiResource<Usage>(`/api/billing/usage?from=${from}&to=${today}`);
  const invoices = useApiResource<Invoices>("/api/billing/invoices");
  const redirect = useBillingRedirect();

  // Back from Checkout or the portal: copy the subscription from Stripe now, then read again.
  const reloadStatus = status.reload;
  const reloadInvoices = invoices.reload;
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (params.get("checkout") === "success" || params.get("portal") === "returned") {
      void apiFetch("/api/billing/sync", { method: "POST" }).then(() => Promise.all([reloadStatus(), reloadInvoices()]));
    }
  }, [reloadStatus, reloadInvoices]);

  const s = status.data;
  if (!s) {
    return (
      <Card>
        <CardContent>
          <SkeletonRows rows={3} />
        </CardContent>
      </Card>
    );
  }
  if (!s.billing_enabled) {
    return (
      <Card data-testid="billing-off">
        <CardContent>
          <EmptyState variant="plain" compact icon={CreditCard} title={t("billing.offTitle")} description={t("billing.offText")} />
        </CardContent>
      </Card>
    );
  }

  const action = ownerAction(s);
  const trial = (s.access.reason === "trial" || s.access.reason === "trialing") && s.trial_end;
  const percent = s.minutes_included > 0 ? Math.min(100, Math.round((s.minutes_used / s.minutes_included) * 100)) : 0;
  const days = usage.data?.days ?? [];
  const maxDay = Math.max(1, ...days.map((d) => d.minutes));
  const money = (amount: number, currency: string) => {
    const format = new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { style: "currency", currency: currency.toUpperCase() });
    return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  };
  const statusKey = STATUS_KEYS[s.status as keyof typeof STATUS_KEYS] ?? "billing.status.none";

  return (
    <div className="space-y-6" data-testid="billing-panel">
      <Card>
        <CardHeader
          title={
            <span data-testid="billing-status">
              {t(REASON_KEYS[s.access.reason as keyof typeof REASON_KEYS] ?? "billing.reason.active")}
            </span>
          }
          description={t("billing.planName", { included: s.minutes_included })}
        />
        <CardContent className="space-y-4">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">{t("billing.facts.status")}</dt>
              <dd className="mt-1">
                <Badge tone={statusTone(s)} dot data-testid="billing-plan-status">
                  {t(statusKey)}
                </Badge>
              </dd>
            </div>
            {trial && (
              <div>
                <dt className="text-slate-500">{t("billing.facts.trial")}</dt>
                <dd className="mt-1 text-slate-900" data-testid="billing-trial">
                  {t("billing.trialDaysLeft", { count: daysUntil(s.trial_end as string), date: longDate(s.trial_end) })}
                </dd>
              </div>
            )}
            {s.current_period_end && s.status !== "canceled" && (
              <div>
                <dt className="text-slate-500">{s.cancel_at_period_end ? t("billing.facts.ends") : t("billing.facts.renewal")}</dt>
                <dd className="mt-1 text-slate-900">{longDate(s.current_period_end)}</dd>
              </div>
            )}
            {s.latest_invoice_status && (
              <div>
                <dt className="text-slate-500">{t("billing.facts.lastInvoice")}</dt>
                <dd className="mt-1 text-slate-900">
                  {t(INVOICE_STATUS_KEYS[s.latest_invoice_status as keyof typeof INVOICE_STATUS_KEYS] ?? "billing.invoiceStatus.open")}
                </dd>
              </div>
            )}
          </dl>
          {s.access.grace_ends_at && s.access.serve && (
            <Alert variant="warning">{t("billing.graceUntil", { date: longDate(s.access.grace_ends_at) })}</Alert>
          )}
          {!s.access.serve && <Alert variant="danger">{t("billing.refusedExplained")}</Alert>}
          {isOwner ? (
            <div className="flex flex-wrap gap-2">
              {action === "checkout" ? (
                <Button
                  variant="primary"
                  loading={redirect.busy === "checkout"}
                  disabled={redirect.busy !== null}
                  onClick={() => void redirect.go("checkout")}
                >
                  {t("billing.subscribe")}
                </Button>
              ) : (
                <>
                  <Button
                    variant={s.access.banner === "payment_failed" || !s.access.serve ? "primary" : "secondary"}
                    disabled={redirect.busy !== null}
                    onClick={() => void redirect.go("portal")}
                  >
                    {t("billing.updateCard")}
                  </Button>
                  <Button variant="secondary" disabled={redirect.busy !== null} onClick={() => void redirect.go("portal")}>
                    {t("billing.manage")}
                  </Button>
                </>
              )}
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("billing.ownersOnly")}</p>
          )}
          {redirect.error && <Alert variant="danger">{redirect.error}</Alert>}
        </CardContent>
      </Card>

      <Card>
        <CardHeader
          title={t("billing.minutesTitle")}
          description={t("billing.minutesUsed", { used: s.minutes_used, included: s.minutes_included })}
        />
        <CardContent>
          <div
            className="h-3 w-full rounded-full bg-slate-100"
            role="progressbar"
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label={t("billing.minutesTitle")}
          >
            <div className={`h-3 rounded-full ${percent >= 100 ? "bg-amber-500" : "bg-brand-600"}`} style={{ width: `${percent}%` }} />
          </div>
          <h3 className="mt-6 text-sm font-medium text-slate-700">{t("billing.perDay")}</h3>
          <p className="mt-1 text-xs text-slate-500">{t("billing.perDayTotal", { count: usage.data?.total_minutes ?? 0 })}</p>
          <div className="mt-3 flex h-24 items-end gap-0.5 border-b border-slate-200" aria-hidden="true">
            {days.map((d) => (
              <div
                key={d.date}
                title={`${d.date}: ${d.minutes}`}
                className="min-h-px flex-1 rounded-t bg-brand-500/70"
                style={{ height: `${Math.round((d.minutes / maxDay) * 100)}%` }}
              />
            ))}
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader title={t("billing.invoices.title")} description={t("billing.invoices.description")} />
        {invoices.data && invoices.data.invoices.length > 0 ? (
          <CardContent flush>
            <Table aria-label={t("billing.invoices.title")} data-testid="billing-invoices">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("billing.invoices.date")}</TableHead>
                  <TableHead>{t("billing.invoices.number")}</TableHead>
                  <TableHead>{t("billing.invoices.amount")}</TableHead>
                  <TableHead>{t("billing.invoices.status")}</TableHead>
                  <TableHead>
                    <span className="sr-only">{t("billing.invoices.link")}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {invoices.data.invoices.map((invoice) => (
                  <TableRow key={invoice.id}>
                    <TableCell className="whitespace-nowrap">{longDate(invoice.created)}</TableCell>
                    <TableCell className="text-slate-500">{invoice.number ?? ""}</TableCell>
                    <TableCell className="whitespace-nowrap tabular-nums">
                      {money(invoice.status === "paid" ? invoice.amount_paid : invoice.amount_due, invoice.currency)}
                    </TableCell>
                    <TableCell>
                      <Badge tone={INVOICE_TONES[invoice.status ?? ""] ?? "neutral"}>
                        {t(INVOICE_STATUS_KEYS[invoice.status as keyof typeof INVOICE_STATUS_KEYS] ?? "billing.invoiceStatus.open")}
                      </Badge>
                    </TableCell>
                    <TableCell className="text-right">
                      {invoice.hosted_invoice_url && (
                        <a
                          href={invoice.hosted_invoice_url}
                          target="_blank"
                          rel="noopener noreferrer"
                          className={`rounded-sm font-medium text-brand-700 underline underline-offset-2 ${focusRing}`}
                        >
                          {t("billing.invoices.view", { number: invoice.number ?? longDate(invoice.created) })}
                        </a>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        ) : (
          <CardContent>
            {invoices.data || invoices.error ? (
              <EmptyState
                variant="plain"
                compact
                titleAs="h3"
                icon={Receipt}
                title={invoices.error ? t("billing.invoices.unavailable") : t("billing.invoices.empty")}
                description={invoices.error ? undefined : t("billing.invoices.emptyText")}
              />
            ) : (
              <SkeletonRows rows={2} />
            )}
          </CardContent>
        )}
      </Card>
    </div>
  );
}
