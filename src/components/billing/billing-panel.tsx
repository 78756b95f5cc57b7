"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/api-client";
import { useApiResource } from "@/lib/use-api-resource";

interface Status {
  billing_enabled: boolean;
  status: string;
  current_period_start: string | null;
  current_period_end: string | null;
  cancel_at_period_end: boolean;
  trial_end: string | null;
  latest_invoice_status: string | null;
  minutes_used: number;
  minutes_included: number;
  access: { serve: boolean; reason: string; banner: string; grace_ends_at: string | null };
}
interface Usage {
  days: { date: string; minutes: number }[];
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

/** The Billing page: plan and status in plain words, trial days left, renewal, minutes, buttons. */
export function BillingPanel({ isOwner, today }: { isOwner: boolean; today: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const status = useApiResource<Status>("/api/subscription-status");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const usage = useApiResource<Usage>(`/api/billing/usage?from=${from}&to=${today}`);

  // Back from Checkout or the portal: copy the subscription from Stripe now.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (params.get("checkout") === "success" || params.get("portal") === "returned") {
      void apiFetch("/api/billing/sync", { method: "POST" }).then(() => status.reload());
    }
  }, [status.reload]);

  const go = async (path: string) => {
    setBusy(true);
    setError(null);
    const result = await apiFetch<{ url: string }>(path, { method: "POST" });
    if (result.ok) window.location.assign(result.data.url);
    else {
      setError(result.error.message);
      setBusy(false);
    }
  };
  const day = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { dateStyle: "long" }).format(new Date(iso)) : "";

  const s = status.data;
  if (!s) return <p className="text-sm text-slate-500">{t("billing.loading")}</p>;
  if (!s.billing_enabled) {
    return (
      <section className="rounded-lg border border-slate-200 bg-white p-6" data-testid="billing-off">
        <h2 className="text-lg font-semibold">{t("billing.offTitle")}</h2>
        <p className="mt-2 text-sm text-slate-600">{t("billing.offText")}</p>
      </section>
    );
  }
  const daysLeft = s.trial_end ? Math.max(0, Math.ceil((Date.parse(s.trial_end) - Date.now()) / 86_400_000)) : null;
  const subscribed = ["active", "trialing", "past_due", "unpaid", "paused"].includes(s.status);
  const percent = s.minutes_included > 0 ? Math.min(100, Math.round((s.minutes_used / s.minutes_included) * 100)) : 0;
  const maxDay = Math.max(1, ...(usage.data?.days.map((d) => d.minutes) ?? [0]));
  return (
    <div className="space-y-6" data-testid="billing-panel">
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold" data-testid="billing-status">
          {t(REASON_KEYS[s.access.reason as keyof typeof REASON_KEYS] ?? "billing.reason.active")}
        </h2>
        {daysLeft !== null && (s.access.reason === "trial" || s.access.reason === "trialing") && (
          <p className="mt-2 text-sm text-slate-600">{t("billing.trialDaysLeft", { count: daysLeft, date: day(s.trial_end) })}</p>
        )}
        {s.access.grace_ends_at && s.access.serve && (
          <p className="mt-2 text-sm text-amber-700">{t("billing.graceUntil", { date: day(s.access.grace_ends_at) })}</p>
        )}
        {s.current_period_end && s.status !== "canceled" && (
          <p className="mt-2 text-sm text-slate-600">
            {s.cancel_at_period_end
              ? t("billing.endsOn", { date: day(s.current_period_end) })
              : t("billing.renewsOn", { date: day(s.current_period_end) })}
          </p>
        )}
        {isOwner ? (
          <div className="mt-4 flex flex-wrap gap-2">
            {!subscribed && (
              <button
                type="button"
                disabled={busy}
                onClick={() => go("/api/billing/checkout")}
                className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white"
              >
                {t("billing.subscribe")}
              </button>
            )}
            {subscribed && (
              <button
                type="button"
                disabled={busy}
                onClick={() => go("/api/billing/portal")}
                className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium"
              >
                {s.status === "past_due" ? t("billing.updateCard") : t("billing.manage")}
              </button>
            )}
          </div>
        ) : (
          <p className="mt-4 text-sm text-slate-500">{t("billing.ownersOnly")}</p>
        )}
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="text-base font-semibold">{t("billing.minutesTitle")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("billing.minutesUsed", { used: s.minutes_used, included: s.minutes_included })}</p>
        <div
          className="mt-3 h-3 w-full rounded bg-slate-100"
          role="progressbar"
          aria-valuenow={percent}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label={t("billing.minutesTitle")}
        >
          <div className={`h-3 rounded ${percent >= 100 ? "bg-amber-500" : "bg-slate-800"}`} style={{ width: `${percent}%` }} />
        </div>
        <h3 className="mt-5 text-sm font-medium text-slate-700">{t("billing.perDay")}</h3>
        <div className="mt-2 flex h-24 items-end gap-0.5" aria-hidden="true">
          {(usage.data?.days ?? []).map((d) => (
            <div
              key={d.date}
              title={`${d.date}: ${d.minutes}`}
              className="flex-1 rounded-t bg-slate-400"
              style={{ height: `${Math.round((d.minutes / maxDay) * 100)}%` }}
            />
          ))}
        </div>
      </section>
    </div>
  );
}
