"use client";

import { useEffect, useMemo, useState } from "react";
import { ReadOnlyNotice } from "@/components/clinic-setup/read-only-notice";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { SkeletonRows } from "@/components/ui/skeleton";
import { apiFetch } from "@/lib/api-client";
import { useApiResource } from "@/lib/use-api-resource";
import { useLiveValidation } from "@/lib/use-live-validation";
import { WorkingHoursInput } from "@/server/working-hours/schemas";
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
      setResult({ tone: "error", message: "Fix the highlighted fields first." });
      return;
    }
    setSaving(true);
    const saved = await apiFetch<OpeningHours>("/api/working-hours", { method: "PUT", body });
    setSaving(false);
    if (saved.ok) {
      hours.setData(() => saved.data);
      setDraft(draftOf(saved.data));
      check.reset();
      setResult({ tone: "success", message: "Saved. The receptionist uses these hours from the next call." });
      void status.reload();
    } else {
      check.showApiErrors(saved.error);
      setResult({ tone: "error", message: saved.error.message });
    }
  }

  if (hours.error && !hours.data) return <Alert variant="danger">{hours.error.message}</Alert>;
  if (!draft) {
    return (
      <Card>
        <SkeletonRows rows={7} label="Loading working hours" />
      </Card>
    );
  }
  const readOnly = !canEdit;
  const today = status.data?.local_time.slice(0, 10) ?? new Date().toISOString().slice(0, 10);
  return (
    <div className="space-y-6">
      {readOnly && <ReadOnlyNotice clinicName={clinicName} what="the clinic's hours" />}
      <Card>
        <CardContent>
          <OpenNowLine status={status.data} />
        </CardContent>
      </Card>
      <form
        aria-label="Working hours"
        noValidate
        className="space-y-6"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Card>
          <CardHeader title="Timezone" description="Hours are read on the clinic's wall clock; summer-time changes are handled for you." />
          <CardContent>
            <Field label="Clinic timezone" error={check.errorFor("timezone")} className="max-w-sm">
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
          <CardHeader
            title="Every week"
            description="Add a range for each time the clinic is open, e.g. 09:00–13:00 and 14:00–18:00 around lunch. Use 24:00 for midnight. Outside these hours the receptionist follows your after-hours setting."
          />
          <CardContent className="pt-2">
            <WeekGrid days={draft.days} check={check} readOnly={readOnly} onChange={(days) => change((d) => ({ ...d, days }))} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader
            title="Holidays and special days"
            description="A date here replaces that weekday's hours: closed all day, or open at other times."
          />
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
                Save hours
              </Button>
            </CardFooter>
          )}
        </Card>
      </form>
    </div>
  );
}
