"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { InlineStatus } from "@/components/ui/inline-status";
import { focusRing } from "@/components/ui/styles";
import { Switch } from "@/components/ui/switch";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { cn } from "@/lib/cn";

/**
 * Owner only: require two-factor sign-in of everyone in the clinic (PUT /api/organisation/two-factor).
 * The owner must have it on first (the API answers 409 otherwise), so the switch says so and links
 * to the Account page.
 */
export function ClinicTwoFactorCard({ required, ownerHasTwoFactor }: { required: boolean; ownerHasTwoFactor: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const errorText = useApiErrorText();
  const [on, setOn] = useState(required);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const blocked = !on && !ownerHasTwoFactor;

  async function choose(next: boolean) {
    setSaving(true);
    setStatus(null);
    const result = await apiFetch<{ require_two_factor: boolean }>("/api/organisation/two-factor", {
      method: "PUT",
      body: { required: next },
    });
    setSaving(false);
    if (result.ok) {
      setOn(result.data.require_two_factor);
      setStatus({ tone: "success", message: t("common.saved") });
      router.refresh();
    } else {
      setStatus({
        tone: "error",
        message: result.error.details?.reason === "two_factor_off" ? t("settings.twoFactor.ownerFirst") : errorText(result.error),
      });
    }
  }

  return (
    <Card>
      <CardHeader title={t("settings.twoFactor.title")} description={t("settings.twoFactor.description")} />
      <CardContent className="space-y-3">
        <div className="flex items-start gap-3">
          <Switch
            id="clinic-require-two-factor"
            className="mt-0.5"
            checked={on}
            disabled={saving || blocked}
            onCheckedChange={choose}
            aria-describedby="clinic-require-two-factor-hint"
          />
          <div className="space-y-1">
            <label htmlFor="clinic-require-two-factor" className="text-sm font-medium text-slate-800">
              {t("settings.twoFactor.label")}
            </label>
            <p id="clinic-require-two-factor-hint" className="text-[13px] text-slate-600">
              {on ? t("settings.twoFactor.on") : t("settings.twoFactor.off")}
            </p>
          </div>
        </div>
        {blocked && (
          <p className="text-sm text-slate-700">
            {t.rich("settings.twoFactor.enrolFirst", {
              link: (chunks) => (
                <Link href="/dashboard/account" className={cn("rounded-sm font-medium text-brand-700 underline", focusRing)}>
                  {chunks}
                </Link>
              ),
            })}
          </p>
        )}
        <InlineStatus status={status} />
      </CardContent>
    </Card>
  );
}
