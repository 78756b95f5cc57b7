"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Select } from "@/components/ui/select";
import { isLocale, localeNames, locales } from "@/i18n/locales";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";

/**
 * The person's dashboard language (PATCH /api/me {language}); the page re-renders in it at once.
 * Self-contained (no props), so any page can place it: the Account page and Settings.
 */
export function LanguageSelect({ className }: { className?: string }) {
  const locale = useLocale();
  const t = useTranslations();
  const errorText = useApiErrorText();
  const router = useRouter();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function choose(language: string) {
    if (!isLocale(language) || language === locale) return;
    setSaving(true);
    setError(null);
    const result = await apiFetch("/api/me", { method: "PATCH", body: { language } });
    setSaving(false);
    if (!result.ok) setError(errorText(result.error));
    else router.refresh();
  }

  return (
    <span className={className}>
      <Select
        size="sm"
        aria-label={t("language.label")}
        value={locale}
        disabled={saving}
        onChange={(event) => choose(event.target.value)}
        options={locales.map((value) => ({ value, label: localeNames[value] }))}
      />
      {error && (
        <span role="alert" className="mt-1 block text-xs font-medium text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}
