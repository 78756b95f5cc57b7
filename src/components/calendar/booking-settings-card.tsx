"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import type { MessageKey } from "@/i18n/keys";
import { apiFetch, fieldErrorsOf } from "@/lib/api-client";
import { useApiErrorText, useFieldErrorText } from "@/lib/api-error-text";
import type { BookingSettings } from "./calendar-types";

type Draft = Record<"buffer_minutes" | "min_notice_minutes" | "default_duration_minutes", string>;

const fields: { key: keyof Draft; label: MessageKey; hint: MessageKey }[] = [
  { key: "default_duration_minutes", label: "calendar.rules.lengthLabel", hint: "calendar.rules.lengthHint" },
  { key: "buffer_minutes", label: "calendar.rules.bufferLabel", hint: "calendar.rules.bufferHint" },
  { key: "min_notice_minutes", label: "calendar.rules.noticeLabel", hint: "calendar.rules.noticeHint" },
];

/** Admins set the booking rules the receptionist follows. */
export function BookingSettingsCard({ settings, onSaved }: { settings: BookingSettings; onSaved: (settings: BookingSettings) => void }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const fieldText = useFieldErrorText();
  const [draft, setDraft] = useState<Draft>({
    buffer_minutes: String(settings.buffer_minutes),
    min_notice_minutes: String(settings.min_notice_minutes),
    default_duration_minutes: String(settings.default_duration_minutes),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    setStatus(null);
    const body = Object.fromEntries(Object.entries(draft).map(([key, value]) => [key, Number(value)]));
    const result = await apiFetch<BookingSettings>("/api/calendar/settings", { method: "PATCH", body });
    setSaving(false);
    if (result.ok) {
      setErrors({});
      setStatus({ tone: "success", message: t("common.saved") });
      onSaved(result.data);
    } else {
      setErrors(
        Object.fromEntries(Object.entries(fieldErrorsOf(result.error)).map(([field, sentence]) => [field, fieldText(sentence, sentence)])),
      );
      setStatus({ tone: "error", message: errorText(result.error) });
    }
  }

  return (
    <Card>
      <form
        aria-label={t("calendar.rules.title")}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <CardHeader title={t("calendar.rules.title")} />
        <CardContent className="grid gap-4 md:grid-cols-3">
          {fields.map((field) => (
            <Field key={field.key} label={t(field.label)} hint={t(field.hint)} error={errors[field.key]}>
              <Input type="number" min={0} value={draft[field.key]} onChange={(e) => setDraft({ ...draft, [field.key]: e.target.value })} />
            </Field>
          ))}
        </CardContent>
        <CardFooter>
          <InlineStatus status={status} />
          <Button type="submit" loading={saving}>
            {t("calendar.rules.save")}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
