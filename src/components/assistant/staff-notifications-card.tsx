"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText, useSaveErrorText } from "@/lib/api-error-text";
import { useApiResource } from "@/lib/use-api-resource";

interface Settings {
  quiet_hours: { start: string; end: string } | null;
  timezone: string;
  sms_sender: "messaging_service" | "phone_number" | "none";
}

const DEFAULT_QUIET = { start: "21:00", end: "07:00" };

/**
 * How staff hear about messages, voicemails and missed transfers (GET/PUT /api/staff-notifications):
 * quiet hours in the clinic's zone; which staff numbers get texts is the "SMS alerts" switch of
 * each number in the routing card above; each person's emails are on their Account page.
 */
export function StaffNotificationsCard({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const saveErrorText = useSaveErrorText();
  const settings = useApiResource<Settings>("/api/staff-notifications");
  const [quiet, setQuiet] = useState<{ start: string; end: string } | null | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "danger"; message: string } | null>(null);

  useEffect(() => {
    if (settings.data) setQuiet((current) => (current === undefined ? settings.data!.quiet_hours : current));
  }, [settings.data]);

  if (!settings.data || quiet === undefined) {
    return (
      <Card>
        <CardHeader title={t("staffNotify.title")} description={t("staffNotify.description")} />
        <CardContent>
          {settings.error ? (
            <Alert variant="danger" title={t("staffNotify.loadFailed")}>
              {errorText(settings.error)}
            </Alert>
          ) : (
            <SkeletonRows rows={2} />
          )}
        </CardContent>
      </Card>
    );
  }

  async function save() {
    setSaving(true);
    setResult(null);
    const response = await apiFetch<Settings>("/api/staff-notifications", { method: "PUT", body: { quiet_hours: quiet } });
    setSaving(false);
    if (!response.ok) {
      return setResult({ tone: "danger", message: saveErrorText(response.error) });
    }
    setQuiet(response.data.quiet_hours);
    settings.setData(() => response.data);
    setResult({ tone: "success", message: t("staffNotify.saved") });
  }

  const sender = settings.data.sms_sender;
  return (
    <Card>
      <CardHeader title={t("staffNotify.title")} description={t("staffNotify.description")} />
      <CardContent className="space-y-4">
        <p className="text-sm text-slate-600">
          {sender === "messaging_service"
            ? t("staffNotify.smsViaService")
            : sender === "phone_number"
              ? t("staffNotify.smsViaNumber")
              : t("staffNotify.smsNone")}
        </p>
        <fieldset className="space-y-3" disabled={!canEdit}>
          <legend className="text-sm font-medium text-slate-900">{t("staffNotify.quietTitle")}</legend>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <Switch checked={quiet !== null} onCheckedChange={(on) => setQuiet(on ? (quiet ?? DEFAULT_QUIET) : null)} />
            {t("staffNotify.quietOn", { zone: settings.data.timezone })}
          </label>
          {quiet && (
            <div className="flex flex-wrap gap-4">
              <Field label={t("staffNotify.quietStart")} className="w-40">
                <Input type="time" value={quiet.start} onChange={(e) => setQuiet({ ...quiet, start: e.target.value })} />
              </Field>
              <Field label={t("staffNotify.quietEnd")} className="w-40">
                <Input type="time" value={quiet.end} onChange={(e) => setQuiet({ ...quiet, end: e.target.value })} />
              </Field>
            </div>
          )}
          <p className="text-sm text-slate-500">{t("staffNotify.quietHint")}</p>
        </fieldset>
        {result && (
          <Alert variant={result.tone} title={result.tone === "success" ? t("staffNotify.savedTitle") : t("staffNotify.saveFailed")}>
            {result.message}
          </Alert>
        )}
      </CardContent>
      {canEdit && (
        <CardFooter>
          <Button variant="primary" loading={saving} onClick={() => void save()}>
            {t("staffNotify.save")}
          </Button>
        </CardFooter>
      )}
    </Card>
  );
}
