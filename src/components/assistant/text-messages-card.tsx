"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText, useSaveErrorText } from "@/lib/api-error-text";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { useApiResource } from "@/lib/use-api-resource";

const kinds = ["confirmation", "change", "cancellation", "reminder", "confirmed_reply"] as const;
type Kind = (typeof kinds)[number];
type Language = "en" | "ru";
type Templates = Partial<Record<Kind, Partial<Record<Language, string>>>>;

/** GET/PUT /api/sms-settings (src/server/sms/sms-settings.ts). */
interface SmsSettings {
  enabled: boolean;
  messaging_service_sid: string | null;
  quiet_hours: { start: string; end: string };
  reminder_offsets_minutes: number[];
  templates: Templates;
  default_templates: Record<Kind, Record<Language, string>>;
}

interface Offset {
  value: number;
  unit: "hours" | "minutes";
}

const MAX_REMINDERS = 4;

const toOffsets = (minutes: number[]): Offset[] =>
  minutes.map((m) => (m % 60 === 0 ? { value: m / 60, unit: "hours" } : { value: m, unit: "minutes" }));
const toMinutes = (offsets: Offset[]) => offsets.map((o) => Math.round(o.unit === "hours" ? o.value * 60 : o.value));

/** A template with the placeholders filled by an example appointment, as the patient would read it. */
function preview(template: string, language: Language, clinicName: string, timeZone: string): string {
  const example = new Date(Date.now() + 2 * 86_400_000);
  example.setUTCHours(10, 0, 0, 0);
  const date = new Intl.DateTimeFormat(language === "ru" ? "ru-RU" : "en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
  }).format(example);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(example);
  const values: Record<string, string> = { clinic: clinicName, name: language === "ru" ? "Анна Иванова" : "Jane Doe", date, time };
  return template
    .replace(/\{(clinic|name|date|time)\}/g, (_match, key: string) => values[key] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Texts to patients (issue 18, admins): on or off, the clinic's Twilio Messaging Service, when
 * reminders go, quiet hours, and each text's wording in English and Russian with a preview.
 */
export function TextMessagesCard({ canEdit, clinicName }: { canEdit: boolean; clinicName: string }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const saveErrorText = useSaveErrorText();
  const timeZone = useClinicTimeZone();
  const settings = useApiResource<SmsSettings>("/api/sms-settings");
  const [draft, setDraft] = useState<SmsSettings | null>(null);
  const [offsets, setOffsets] = useState<Offset[]>([]);
  const [kind, setKind] = useState<Kind>("confirmation");
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "danger"; message: string } | null>(null);

  useEffect(() => {
    if (settings.data && !draft) {
      setDraft(settings.data);
      setOffsets(toOffsets(settings.data.reminder_offsets_minutes));
    }
  }, [settings.data, draft]);

  if (!draft) {
    return (
      <Card>
        <CardHeader title={t("patientTexts.title")} description={t("patientTexts.description")} />
        <CardContent>
          {settings.error ? (
            <Alert variant="danger" title={t("patientTexts.loadFailed")}>
              {errorText(settings.error)}
            </Alert>
          ) : (
            <SkeletonRows rows={4} />
          )}
        </CardContent>
      </Card>
    );
  }

  const setTemplate = (language: Language, text: string) =>
    setDraft({ ...draft, templates: { ...draft.templates, [kind]: { ...draft.templates[kind], [language]: text } } });

  async function save() {
    if (!draft) return;
    setSaving(true);
    setResult(null);
    const templates: Templates = {};
    for (const k of kinds) {
      const en = draft.templates[k]?.en?.trim();
      const ru = draft.templates[k]?.ru?.trim();
      if (en || ru) templates[k] = { ...(en ? { en } : {}), ...(ru ? { ru } : {}) };
    }
    const response = await apiFetch<SmsSettings>("/api/sms-settings", {
      method: "PUT",
      body: {
        enabled: draft.enabled,
        messaging_service_sid: draft.messaging_service_sid?.trim() || null,
        quiet_hours: draft.quiet_hours,
        reminder_offsets_minutes: toMinutes(offsets),
        templates,
      },
    });
    setSaving(false);
    if (!response.ok) {
      return setResult({ tone: "danger", message: saveErrorText(response.error) });
    }
    setDraft(response.data);
    setOffsets(toOffsets(response.data.reminder_offsets_minutes));
    settings.setData(() => response.data);
    setResult({ tone: "success", message: t("patientTexts.saved") });
  }

  const kindLabels: Record<Kind, string> = {
    confirmation: t("patientTexts.kind.confirmation"),
    change: t("patientTexts.kind.change"),
    cancellation: t("patientTexts.kind.cancellation"),
    reminder: t("patientTexts.kind.reminder"),
    confirmed_reply: t("patientTexts.kind.confirmedReply"),
  };

  return (
    <Card>
      <CardHeader title={t("patientTexts.title")} description={t("patientTexts.description")} />
      <CardContent className="space-y-6">
        <fieldset className="space-y-3" disabled={!canEdit}>
          <legend className="sr-only">{t("patientTexts.sendingLegend")}</legend>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <Switch checked={draft.enabled} onCheckedChange={(enabled) => setDraft({ ...draft, enabled })} />
            {t("patientTexts.enabled")}
          </label>
          <Field label={t("patientTexts.serviceSid")} hint={t("patientTexts.serviceSidHint")} className="max-w-md">
            <Input
              value={draft.messaging_service_sid ?? ""}
              placeholder="MG…"
              // A sid is 34 characters: small monospace keeps all of it visible on a phone.
              className="font-mono text-xs!"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setDraft({ ...draft, messaging_service_sid: e.target.value })}
            />
          </Field>
        </fieldset>

        <fieldset className="space-y-3" disabled={!canEdit}>
          <legend className="text-sm font-medium text-slate-900">{t("patientTexts.remindersTitle")}</legend>
          <p className="text-sm text-slate-500">{t("patientTexts.remindersHint", { max: MAX_REMINDERS })}</p>
          {offsets.length === 0 && <p className="text-sm text-slate-500">{t("patientTexts.remindersNone")}</p>}
          {offsets.map((offset, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; order is the identity
            <div key={index} className="flex flex-wrap items-end gap-2">
              <Field label={t("patientTexts.reminderBefore", { number: index + 1 })} className="w-36">
                <Input
                  type="number"
                  min={1}
                  step={1}
                  value={offset.value}
                  onChange={(e) => setOffsets(offsets.map((o, i) => (i === index ? { ...o, value: Number(e.target.value) } : o)))}
                />
              </Field>
              <Field label={t("patientTexts.reminderUnit", { number: index + 1 })} className="w-36">
                <Select
                  value={offset.unit}
                  onChange={(e) => setOffsets(offsets.map((o, i) => (i === index ? { ...o, unit: e.target.value as Offset["unit"] } : o)))}
                  options={[
                    { value: "hours", label: t("patientTexts.hours") },
                    { value: "minutes", label: t("patientTexts.minutes") },
                  ]}
                />
              </Field>
              <Button
                variant="ghost"
                size="icon"
                aria-label={t("patientTexts.reminderRemove", { number: index + 1 })}
                onClick={() => setOffsets(offsets.filter((_, i) => i !== index))}
              >
                <Trash2 className="size-4" aria-hidden="true" />
              </Button>
            </div>
          ))}
          {offsets.length < MAX_REMINDERS && (
            <Button size="sm" onClick={() => setOffsets([...offsets, { value: 24, unit: "hours" }])}>
              <Plus className="size-4" aria-hidden="true" />
              {t("patientTexts.reminderAdd")}
            </Button>
          )}
        </fieldset>

        <fieldset className="space-y-3" disabled={!canEdit}>
          <legend className="text-sm font-medium text-slate-900">{t("patientTexts.quietTitle")}</legend>
          <p className="text-sm text-slate-500">{t("patientTexts.quietHint")}</p>
          <div className="flex flex-wrap gap-4">
            <Field label={t("patientTexts.quietStart")} className="w-36">
              <Input
                type="time"
                value={draft.quiet_hours.start}
                onChange={(e) => setDraft({ ...draft, quiet_hours: { ...draft.quiet_hours, start: e.target.value } })}
              />
            </Field>
            <Field label={t("patientTexts.quietEnd")} className="w-36">
              <Input
                type="time"
                value={draft.quiet_hours.end}
                onChange={(e) => setDraft({ ...draft, quiet_hours: { ...draft.quiet_hours, end: e.target.value } })}
              />
            </Field>
          </div>
        </fieldset>

        <fieldset className="space-y-3" disabled={!canEdit}>
          <legend className="text-sm font-medium text-slate-900">{t("patientTexts.templatesTitle")}</legend>
          <p className="text-sm text-slate-500">{t("patientTexts.templatesHint", { placeholders: "{clinic} {name} {date} {time}" })}</p>
          <Field label={t("patientTexts.templateKind")} className="max-w-xs">
            <Select
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
              options={kinds.map((k) => ({ value: k, label: kindLabels[k] }))}
            />
          </Field>
          <div className="grid gap-4 lg:grid-cols-2">
            {(["en", "ru"] as const).map((language) => {
              const own = draft.templates[kind]?.[language] ?? "";
              const effective = own.trim() || draft.default_templates[kind][language];
              return (
                <div key={language} className="space-y-2">
                  <Field
                    label={
                      language === "en"
                        ? t("patientTexts.templateEnglish", { kind: kindLabels[kind] })
                        : t("patientTexts.templateRussian", { kind: kindLabels[kind] })
                    }
                    hint={t("patientTexts.templateDefaultHint")}
                    optional
                  >
                    <Textarea
                      value={own}
                      rows={3}
                      maxLength={480}
                      placeholder={draft.default_templates[kind][language]}
                      onChange={(e) => setTemplate(language, e.target.value)}
                    />
                  </Field>
                  <div className="rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-slate-800">
                    <p className="text-xs font-medium text-slate-600">{t("patientTexts.preview")}</p>
                    <p data-testid={`sms-preview-${language}`}>{preview(effective, language, clinicName, timeZone)}</p>
                  </div>
                </div>
              );
            })}
          </div>
        </fieldset>

        {result && (
          <Alert variant={result.tone} title={result.tone === "success" ? t("patientTexts.savedTitle") : t("patientTexts.saveFailed")}>
            {result.message}
          </Alert>
        )}
      </CardContent>
      {canEdit && (
        <CardFooter>
          <Button variant="primary" loading={saving} onClick={() => void save()}>
            {t("patientTexts.save")}
          </Button>
        </CardFooter>
      )}
    </Card>
  );
}
