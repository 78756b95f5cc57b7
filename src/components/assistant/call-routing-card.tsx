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
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText, useSaveErrorText } from "@/lib/api-error-text";
import { useApiResource } from "@/lib/use-api-resource";

interface Routing {
  staff_destinations: { name: string; number: string; sms: boolean }[];
  ring_timeout_seconds: number;
  ring_staff_first: boolean;
  ring_staff_first_seconds: number;
  no_answer: "voicemail" | "callback";
  after_hours_mode: "assistant" | "voicemail" | "forward";
  on_call_number: string | null;
  emergency_transfer: boolean;
}

const MAX_DESTINATIONS = 10;

/** Who the phone reaches: the staff ring group, after hours, no answer, emergencies (GET/PUT /api/call-routing). */
export function CallRoutingCard({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const saveErrorText = useSaveErrorText();
  const routing = useApiResource<Routing>("/api/call-routing");
  const [draft, setDraft] = useState<Routing | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "danger"; message: string } | null>(null);
  const readOnly = !canEdit;

  useEffect(() => {
    if (routing.data) setDraft((current) => current ?? routing.data);
  }, [routing.data]);

  if (!draft) {
    return (
      <Card>
        <CardHeader title={t("routing.title")} description={t("routing.description")} />
        <CardContent>
          {routing.error ? (
            <Alert variant="danger" title={t("routing.loadFailed")}>
              {errorText(routing.error)}
            </Alert>
          ) : (
            <SkeletonRows rows={4} />
          )}
        </CardContent>
      </Card>
    );
  }

  const set = <K extends keyof Routing>(key: K, value: Routing[K]) => setDraft({ ...draft, [key]: value });
  const setDestination = (index: number, change: Partial<Routing["staff_destinations"][number]>) =>
    set(
      "staff_destinations",
      draft.staff_destinations.map((d, i) => (i === index ? { ...d, ...change } : d)),
    );

  async function save() {
    if (!draft) return;
    setSaving(true);
    setResult(null);
    const response = await apiFetch<Routing>("/api/call-routing", {
      method: "PUT",
      body: { ...draft, on_call_number: draft.on_call_number?.trim() || null },
    });
    setSaving(false);
    if (!response.ok) {
      return setResult({ tone: "danger", message: saveErrorText(response.error) });
    }
    setDraft(response.data);
    routing.setData(() => response.data);
    setResult({ tone: "success", message: t("routing.saved") });
  }

  return (
    <Card>
      <CardHeader title={t("routing.title")} description={t("routing.description")} />
      <CardContent className="space-y-6">
        <fieldset className="space-y-3" disabled={readOnly}>
          <legend className="text-sm font-medium text-slate-900">{t("routing.staffTitle")}</legend>
          <p className="text-sm text-slate-500">{t("routing.staffHint", { max: MAX_DESTINATIONS })}</p>
          {draft.staff_destinations.length === 0 && <p className="text-sm text-slate-500">{t("routing.staffEmpty")}</p>}
          {draft.staff_destinations.map((destination, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved; order is the identity
            <div key={index} className="flex flex-wrap items-end gap-2">
              <Field label={t("routing.staffName")} className="min-w-40 flex-1">
                <Input value={destination.name} maxLength={60} onChange={(e) => setDestination(index, { name: e.target.value })} />
              </Field>
              <Field label={t("routing.staffNumber")} className="min-w-44 flex-1">
                <Input
                  value={destination.number}
                  inputMode="tel"
                  autoComplete="off"
                  onChange={(e) => setDestination(index, { number: e.target.value })}
                />
              </Field>
              <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
                <Switch checked={destination.sms} onCheckedChange={(sms) => setDestination(index, { sms })} />
                {t("routing.staffSms")}
              </label>
              <Button
                variant="ghost"
                size="icon"
                aria-label={t("routing.staffRemove", { name: destination.name || destination.number })}
                onClick={() =>
                  set(
                    "staff_destinations",
                    draft.staff_destinations.filter((_, i) => i !== index),
                  )
                }
              >
                <Trash2 className="size-4" aria-hidden="true" />
              </Button>
            </div>
          ))}
          {draft.staff_destinations.length < MAX_DESTINATIONS && (
            <Button
              size="sm"
              onClick={() => set("staff_destinations", [...draft.staff_destinations, { name: "", number: "", sms: false }])}
            >
              <Plus className="size-4" aria-hidden="true" />
              {t("routing.staffAdd")}
            </Button>
          )}
          <div className="flex flex-wrap gap-4">
            <Field label={t("routing.ringTimeout")} className="w-44">
              <Input
                type="number"
                min={5}
                max={60}
                value={draft.ring_timeout_seconds}
                onChange={(e) => set("ring_timeout_seconds", Number(e.target.value))}
              />
            </Field>
            <Field label={t("routing.noAnswer")} className="w-72">
              <Select
                value={draft.no_answer}
                onChange={(e) => set("no_answer", e.target.value as Routing["no_answer"])}
                options={[
                  { value: "voicemail", label: t("routing.noAnswerVoicemail") },
                  { value: "callback", label: t("routing.noAnswerCallback") },
                ]}
              />
            </Field>
          </div>
          <div className="flex flex-wrap items-end gap-4">
            <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
              <Switch checked={draft.ring_staff_first} onCheckedChange={(on) => set("ring_staff_first", on)} />
              {t("routing.ringStaffFirst")}
            </label>
            {draft.ring_staff_first && (
              <Field label={t("routing.ringStaffFirstSeconds")} className="w-44">
                <Input
                  type="number"
                  min={5}
                  max={60}
                  value={draft.ring_staff_first_seconds}
                  onChange={(e) => set("ring_staff_first_seconds", Number(e.target.value))}
                />
              </Field>
            )}
          </div>
        </fieldset>

        <fieldset className="space-y-3" disabled={readOnly}>
          <legend className="text-sm font-medium text-slate-900">{t("routing.afterHoursTitle")}</legend>
          <p className="text-sm text-slate-500">{t("routing.afterHoursHint")}</p>
          <div className="flex flex-wrap gap-4">
            <Field label={t("routing.afterHoursMode")} className="w-72">
              <Select
                value={draft.after_hours_mode}
                onChange={(e) => set("after_hours_mode", e.target.value as Routing["after_hours_mode"])}
                options={[
                  { value: "assistant", label: t("routing.afterHoursAssistant") },
                  { value: "voicemail", label: t("routing.afterHoursVoicemail") },
                  { value: "forward", label: t("routing.afterHoursForward") },
                ]}
              />
            </Field>
            <Field label={t("routing.onCallNumber")} className="w-56" optional>
              <Input
                value={draft.on_call_number ?? ""}
                inputMode="tel"
                autoComplete="off"
                onChange={(e) => set("on_call_number", e.target.value)}
              />
            </Field>
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <Switch checked={draft.emergency_transfer} onCheckedChange={(on) => set("emergency_transfer", on)} />
            {t("routing.emergencyTransfer")}
          </label>
        </fieldset>

        {result && (
          <Alert variant={result.tone} title={result.tone === "success" ? t("routing.savedTitle") : t("routing.saveFailed")}>
            {result.message}
          </Alert>
        )}
      </CardContent>
      {canEdit && (
        <CardFooter>
          <Button variant="primary" loading={saving} onClick={() => void save()}>
            {t("routing.save")}
          </Button>
        </CardFooter>
      )}
    </Card>
  );
}
