"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useApiResource } from "@/lib/use-api-resource";
import { useLiveValidation } from "@/lib/use-live-validation";
import { ASSISTANT_LIMITS, AssistantSettingsInput } from "@/shared/schemas/assistant-settings";
import { type AssistantSettings, afterHoursOptions, bodyOf, draftOf, languageOptions, type SettingsDraft } from "./settings-draft";

/**
 * Greetings, language, what the assistant does after hours, disclosure, call length and
 * emergencies; each says what it does to a call. Where calls go (staff numbers, after-hours
 * voicemail or forwarding) is the call routing card's (decision 019).
 */
export function AssistantSettingsForm({ canEdit }: { canEdit: boolean }) {
  const settings = useApiResource<AssistantSettings>("/api/assistant-settings");
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const body = useMemo(() => (draft ? bodyOf(draft) : null), [draft]);
  const check = useLiveValidation(AssistantSettingsInput, body);
  const readOnly = !canEdit;
  const t = useTranslations();
  const errorText = useApiErrorText();

  useEffect(() => {
    const loaded = settings.data;
    if (loaded) setDraft((current) => current ?? draftOf(loaded));
  }, [settings.data]);

  function update<K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K], apiPath: string = key) {
    check.touch(apiPath);
    setResult(null);
    setDraft((current) => (current ? { ...current, [key]: value } : current));
  }

  async function save() {
    if (!body || !draft) return;
    if (!check.valid) {
      check.revealAll();
      setResult({ tone: "error", message: t("hours.fixFirst") });
      return;
    }
    setSaving(true);
    const saved = await apiFetch<AssistantSettings>("/api/assistant-settings", { method: "PUT", body });
    setSaving(false);
    if (saved.ok) {
      settings.setData(() => saved.data);
      setDraft(draftOf(saved.data));
      check.reset();
      setResult({ tone: "success", message: t("assistant.settings.saved") });
    } else {
      check.showApiErrors(saved.error);
      setResult({ tone: "error", message: errorText(saved.error) });
    }
  }

  if (settings.error && !settings.data) return <Alert variant="danger">{errorText(settings.error)}</Alert>;
  if (!draft) {
    return (
      <Card>
        <SkeletonRows rows={6} label={t("assistant.settings.loading")} />
      </Card>
    );
  }
  const language = languageOptions.find((o) => o.value === draft.default_language);
  const afterHours = afterHoursOptions.find((o) => o.value === draft.after_hours_behaviour);
  return (
    <Card>
      <form
        aria-label={t("assistant.settings.form")}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <CardHeader title={t("assistant.settings.title")} description={t("assistant.settings.description")} />
        <CardContent className="space-y-5">
          <div className="grid gap-4 md:grid-cols-2">
            <Field
              label={t("assistant.settings.greetingEn")}
              error={check.errorFor("greeting_en")}
              hint={t("assistant.settings.greetingEnHint")}
            >
              <Textarea
                lang="en"
                rows={3}
                readOnly={readOnly}
                value={draft.greeting_en}
                maxLength={ASSISTANT_LIMITS.greetingMax + 50}
                onChange={(e) => update("greeting_en", e.target.value)}
              />
            </Field>
            <Field
              label={t("assistant.settings.greetingRu")}
              error={check.errorFor("greeting_ru")}
              hint={t("assistant.settings.greetingRuHint")}
            >
              <Textarea
                lang="ru"
                rows={3}
                readOnly={readOnly}
                value={draft.greeting_ru}
                maxLength={ASSISTANT_LIMITS.greetingMax + 50}
                onChange={(e) => update("greeting_ru", e.target.value)}
              />
            </Field>
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <Field
              label={t("assistant.settings.language")}
              error={check.errorFor("default_language")}
              hint={language ? t(language.effect) : undefined}
            >
              <Select
                value={draft.default_language}
                disabled={readOnly}
                options={languageOptions.map(({ value, label }) => ({ value, label: t(label) }))}
                onChange={(e) => update("default_language", e.target.value as SettingsDraft["default_language"])}
              />
            </Field>
            <Field
              label={t("assistant.settings.afterHours")}
              error={check.errorFor("after_hours_behaviour")}
              hint={afterHours ? t(afterHours.effect) : undefined}
            >
              <Select
                value={draft.after_hours_behaviour}
                disabled={readOnly}
                options={afterHoursOptions.map(({ value, label }) => ({ value, label: t(label) }))}
                onChange={(e) => update("after_hours_behaviour", e.target.value as SettingsDraft["after_hours_behaviour"])}
              />
            </Field>
          </div>
          <p className="rounded-lg border border-slate-200 p-4 text-sm text-slate-700">
            {settings.data?.recording_disclosure.enabled ? t("assistant.settings.consentOn") : t("assistant.settings.consentOff")}{" "}
            <Link href="/dashboard/settings#privacy" className="font-medium text-brand-700 underline underline-offset-2">
              {t("assistant.settings.consentWhere")}
            </Link>
          </p>
          <div className="space-y-1 rounded-lg border border-slate-200 p-4">
            <label className="flex items-center gap-3 text-sm font-medium text-slate-800">
              <Switch
                checked={draft.redact_personal_data}
                disabled={readOnly}
                onCheckedChange={(on) => update("redact_personal_data", on)}
              />
              {t("assistant.redaction.label")}
            </label>
            <p className="text-sm text-slate-600">
              {draft.redact_personal_data ? t("assistant.redaction.on") : t("assistant.redaction.off")}
            </p>
          </div>
          <div className="grid gap-4 md:grid-cols-[14rem_1fr]">
            <Field
              label={t("assistant.settings.maxMinutes")}
              error={check.errorFor("max_call_minutes")}
              hint={t("assistant.settings.maxMinutesHint")}
            >
              <Input
                type="number"
                inputMode="numeric"
                min={ASSISTANT_LIMITS.minCallMinutes}
                max={ASSISTANT_LIMITS.maxCallMinutes}
                readOnly={readOnly}
                value={draft.max_call_minutes}
                onChange={(e) => update("max_call_minutes", e.target.value)}
              />
            </Field>
            <Field
              label={t("assistant.settings.emergency")}
              error={check.errorFor("emergency_message")}
              hint={t("assistant.settings.emergencyHint")}
            >
              <Textarea
                rows={2}
                readOnly={readOnly}
                value={draft.emergency_message}
                onChange={(e) => update("emergency_message", e.target.value)}
              />
            </Field>
          </div>
        </CardContent>
        {canEdit && (
          <CardFooter>
            <InlineStatus status={result} />
            <Button type="submit" variant="primary" loading={saving}>
              {t("assistant.settings.save")}
            </Button>
          </CardFooter>
        )}
      </form>
    </Card>
  );
}
