"use client";

import { useLocale } from "next-intl";
import { useCallback, useState } from "react";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useClinicTimeZone } from "@/lib/clinic-time";

/** GET /api/subscription-status, as the Billing page and the banners read it. */
export interface SubscriptionStatus {
  billing_enabled: boolean;
  status: string;
  plan: string | null;
  current_period_start: string | null;
  current_period_end: string | null;
  cancel_at_period_end: boolean;
  trial_end: string | null;
  latest_invoice_status: string | null;
  minutes_used: number;
  minutes_included: number;
  access: { serve: boolean; reason: string; banner: string; grace_ends_at: string | null };
}

export const SUBSCRIPTION_STATUS_PATH = "/api/subscription-status";

/** Statuses with a subscription in Stripe that the Customer Portal manages (Checkout refuses a second one). */
const IN_PORTAL = new Set(["active", "trialing", "past_due", "unpaid", "paused"]);

/** What an owner's button does for this status: open Checkout (no live plan) or the Customer Portal. */
export function ownerAction(status: SubscriptionStatus): "checkout" | "portal" {
  return IN_PORTAL.has(status.status) ? "portal" : "checkout";
}

/** Whole days from now until `iso`, never below zero. */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 86_400_000));
}

/** "6 December 2026" / "6 декабря 2026 г." in the clinic's time zone. */
export function useLongDate(): (iso: string | null) => string {
  const locale = useLocale();
  const timeZone = useClinicTimeZone();
  return useCallback(
    (iso: string | null) =>
      iso ? new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { dateStyle: "long", timeZone }).format(new Date(iso)) : "",
    [locale, timeZone],
  );
}

/**
 * Owners' way to Stripe: POST /api/billing/checkout or /api/billing/portal, then the browser goes
 * to the URL Stripe made. `error` is in the reader's language.
 */
export function useBillingRedirect() {
  const errorText = useApiErrorText();
  const [busy, setBusy] = useState<"checkout" | "portal" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = useCallback(
    async (where: "checkout" | "portal") => {
      setBusy(where);
      setError(null);
      const result = await apiFetch<{ url: string }>(`/api/billing/${where}`, { method: "POST" });
      if (result.ok) {
        window.location.assign(result.data.url);
        return;
      }
      setError(errorText(result.error));
      setBusy(null);
    },
    [errorText],
  );
  return { go, busy, error };
}
