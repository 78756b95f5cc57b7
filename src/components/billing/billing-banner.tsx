"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import type { Role } from "@/lib/api-types";
import { useApiResource } from "@/lib/use-api-resource";
import {
  daysUntil,
  ownerAction,
  SUBSCRIPTION_STATUS_PATH,
  type SubscriptionStatus,
  useBillingRedirect,
  useLongDate,
} from "./billing-status";

/**
 * The billing notice at the top of every dashboard page, from GET /api/subscription-status's
 * `access.banner`: the trial ending (days left), a failed payment (calls answered until the grace
 * ends), service stopped (calls refused), or a plan that will not renew. Owners get the button
 * that fixes it (Checkout or the Customer Portal); admins and members are told to ask the owner.
 * Read again on every page change, so a fixed card clears the notice on the next click.
 */
export function BillingBanner({ role }: { role: Role }) {
  const t = useTranslations();
  const pathname = usePathname();
  const status = useApiResource<SubscriptionStatus>(SUBSCRIPTION_STATUS_PATH);
  const longDate = useLongDate();
  const redirect = useBillingRedirect();
  const seen = useRef(pathname);
  const { reload } = status;
  useEffect(() => {
    if (seen.current === pathname) return;
    seen.current = pathname;
    void reload();
  }, [pathname, reload]);

  const s = status.data;
  if (!s?.billing_enabled || s.access.banner === "none") return null;
  const isOwner = role === "owner";
  const action = ownerAction(s);
  const onBillingPage = pathname === "/dashboard/billing";

  let variant: "info" | "warning" | "danger" = "warning";
  let title: string;
  let text: string;
  let actionLabel: string = action === "checkout" ? t("billing.subscribe") : t("billing.updateCard");
  switch (s.access.banner) {
    case "trial_ending": {
      const days = s.trial_end ? daysUntil(s.trial_end) : 0;
      variant = "info";
      title = t("billing.banner.trialEndingTitle", { count: days, date: longDate(s.trial_end) });
      text = action === "checkout" ? t("billing.banner.trialEndingNoPlan") : t("billing.banner.trialEndingCard");
      if (action === "portal") actionLabel = t("billing.manage");
      break;
    }
    case "payment_failed":
      title = t("billing.banner.paymentFailedTitle");
      text = t("billing.banner.paymentFailed", { date: longDate(s.access.grace_ends_at) });
      break;
    case "cancels_at_period_end":
      variant = "info";
      title = t("billing.banner.endsTitle", { date: longDate(s.current_period_end) });
      text = t("billing.banner.ends");
      actionLabel = t("billing.manage");
      break;
    default:
      variant = "danger";
      title = t("billing.banner.serviceStoppedTitle");
      text = t("billing.banner.serviceStopped");
  }

  return (
    <div className="mb-6" data-testid="billing-banner" data-banner={s.access.banner}>
      {/* The title is ours, not Alert's: Alert dims the text under a title, which would dim the button too. */}
      <Alert variant={variant}>
        <p className="font-medium">{title}</p>
        <p>{text}</p>
        {!isOwner && <p className="mt-1">{t("billing.banner.askOwner")}</p>}
        {(isOwner || !onBillingPage) && (
          <div className="mt-2 flex flex-wrap items-center gap-2">
            {isOwner && (
              <Button
                size="sm"
                variant={variant === "info" ? "secondary" : "primary"}
                loading={redirect.busy === action}
                disabled={redirect.busy !== null}
                onClick={() => void redirect.go(action)}
              >
                {actionLabel}
              </Button>
            )}
            {!onBillingPage && (
              <Link href="/dashboard/billing" className={buttonClasses("ghost", "sm", "underline underline-offset-2")}>
                {t("billing.banner.openBilling")}
              </Link>
            )}
          </div>
        )}
        {redirect.error && (
          <p className="mt-2 font-medium" role="alert">
            {redirect.error}
          </p>
        )}
      </Alert>
    </div>
  );
}
