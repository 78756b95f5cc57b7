"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { ReadOnlyNotice } from "@/components/clinic-setup/read-only-notice";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { SkeletonRows } from "@/components/ui/skeleton";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useApiResource } from "@/lib/use-api-resource";
import { useLiveValidation } from "@/lib/use-live-validation";
import { WorkingHoursInput } from "@/shared/schemas/working-hours";
import { ExceptionsEditor } from "./exceptions-editor";
import { bodyOf, draftOf, type HoursDraft, type OpeningHours, type OpeningStatus } from "./hours-types";
import { OpenNowLine } from "./open-now-line";
import { TimezoneSelect } from "./timezone-select";
import { WeekGrid } from "./week-grid";

export interface WorkingHoursEditorProps {
  canEdit: boolean;
  clinicName: string;
}

/** The Working hours page: timezone, weekly grid, holidays and the "open now?" line; one Save for all. */
export function WorkingHoursEditor({ canEdit, clinicName }: WorkingHoursEditorProps) {
  const hours = useApiResource<OpeningHours>("/api/working-hours");
  const status = useApiResource<OpeningStatus>("/api/working-hours/status");
  const [draft, setDraft] = useState<HoursDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const body = useMemo(() => (draft ? bodyOf(draft) : null), [draft]);
  const check = useLiveValidation(WorkingHoursInput, body);
  const t = useTranslations();
  const errorText = useApiErrorText();

  useEffect(() => {
    if (hours.data) setDraft((current) => current ?? draftOf(hours.data!));
  }, [hours.data]);

  function change(update: (current: HoursDraft) => HoursDraft) {
    setResult(null);
    setDraft((current) => (current ? update(current) : current));
  }

  async function save() {
    if (!body) return;
    if (!check.valid) {
      check.revealAll();
      setResult({ tone: "error", message: t("hours.fixFirst") });
      return;
    }
    setSaving(true);
    const saved = await apiFetch<OpeningHours>("/api/working-hours", { method: "PUT", body });
    setSaving(false);
    if (saved.ok) {
      hours.setData(() => saved.data);
      setDraft(draftOf(saved.data));
      check.reset();
      setResult({ tone: "success", message: t("hours.saved") });
      void status.reload();
    } else {
      check.showApiErrors(saved.error);
      setResult({ tone: "error", message: errorText(saved.error) });
    }
  }

  if (hours.error && !hours.data) return <Alert variant="danger">{errorText(hours.error)}</Alert>;
  if (!draft) {
    return (
      <Card>
        <SkeletonRows rows={7} label={t("hours.loading")} />
      </Card>
    );
  }
  const readOnly = !canEdit;
  const today = status.data?.local_time.slice(0, 10) ?? new Date().toISOString().slice(0, 10);
  return (
    <div className="space-y-6">
      {readOnly && <ReadOnlyNotice clinicName={clinicName} what={t("hours.readOnlyWhat")} />}
      <Card>
        <CardContent>
          <OpenNowLine status={status.data} />
        </CardContent>
      </Card>
      <form
        aria-label={t("hours.form")}
        noValidate
        className="space-y-6"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Card>
          <CardHeader title={t("hours.timezoneTitle")} description={t("hours.timezoneDescription")} />
          <CardContent>
            <Field label={t("hours.timezoneField")} error={check.errorFor("timezone")} className="max-w-sm">
              <TimezoneSelect
                value={draft.timezone}
                disabled={readOnly}
                onChange={(timezone) => {
                  check.touch("timezone");
                  change((d) => ({ ...d, timezone }));
                }}
              />
            </Field>
          </CardContent>
        </Card>
        <Card>
          <CardHeader title={t("hours.weekTitle")} description={t("hours.weekDescription")} />
          <CardContent className="pt-2">
            <WeekGrid days={draft.days} check={check} readOnly={readOnly} onChange={(days) => change((d) => ({ ...d, days }))} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader title={t("hours.specialTitle")} description={t("hours.specialDescription")} />
          <CardContent>
            <ExceptionsEditor
              exceptions={draft.exceptions}
              check={check}
              readOnly={readOnly}
              today={today}
              onChange={(exceptions) => change((d) => ({ ...d, exceptions }))}
            />
          </CardContent>
          {canEdit && (
            <CardFooter>
              <InlineStatus status={result} />
              <Button type="submit" variant="primary" loading={saving}>
                {t("hours.save")}
              </Button>
            </CardFooter>
          )}
        </Card>
      </form>
    </div>
  );
}
