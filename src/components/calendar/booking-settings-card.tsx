"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { apiFetch, fieldErrorsOf } from "@/lib/api-client";
import type { BookingSettings } from "./calendar-types";

type Draft = Record<"buffer_minutes" | "min_notice_minutes" | "default_duration_minutes", string>;

const fields: { key: keyof Draft; label: string; hint: string }[] = [
  {
    key: "default_duration_minutes",
    label: "Appointment length (minutes)",
    hint: "What the receptionist books when a caller does not say.",
  },
  { key: "buffer_minutes", label: "Gap around appointments (minutes)", hint: "Kept free before and after every busy time." },
  { key: "min_notice_minutes", label: "Minimum notice (minutes)", hint: "Callers cannot book sooner than this." },
];

/** Admins set the booking rules the receptionist follows. */
export function BookingSettingsCard({ settings, onSaved }: { settings: BookingSettings; onSaved: (settings: BookingSettings) => void }) {
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
      setStatus({ tone: "success", message: "Saved" });
      onSaved(result.data);
    } else {
      setErrors(fieldErrorsOf(result.error));
      setStatus({ tone: "error", message: result.error.message });
    }
  }

  return (
    <Card>
      <form
        aria-label="Booking rules"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <CardHeader title="Booking rules" />
        <CardContent className="grid gap-4 md:grid-cols-3">
          {fields.map((field) => (
            <Field key={field.key} label={field.label} hint={field.hint} error={errors[field.key]}>
              <Input type="number" min={0} value={draft[field.key]} onChange={(e) => setDraft({ ...draft, [field.key]: e.target.value })} />
            </Field>
          ))}
        </CardContent>
        <CardFooter>
          <InlineStatus status={status} />
          <Button type="submit" loading={saving}>
            Save rules
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
