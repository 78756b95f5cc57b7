"use client";

import { Download, ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch, fieldErrorsOf } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { useApiResource } from "@/lib/use-api-resource";
import type { DataExportJson } from "@/server/privacy/data-exports";
import type { PrivacySettingsJson } from "@/server/privacy/privacy-settings";

/** Settings → Privacy (owners): recording consent, compliance mode, data export, erasing the clinic. */
export function PrivacySection({ clinicName }: { clinicName: string }) {
  const t = useTranslations();
  const settings = useApiResource<PrivacySettingsJson>("/api/privacy/settings");
  return (
    <section id="privacy" aria-labelledby="privacy-heading" className="space-y-6 scroll-mt-6">
      <h2 id="privacy-heading" className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <ShieldCheck className="size-4 text-brand-600" aria-hidden="true" />
        {t("privacy.title")}
      </h2>
      {settings.data ? (
        <ConsentCard settings={settings.data} onSaved={(next) => settings.setData(() => next)} />
      ) : (
        <Card>
          <CardContent>
            {settings.error ? <Alert variant="danger">{t("privacy.loadFailed")}</Alert> : <SkeletonRows rows={3} />}
          </CardContent>
        </Card>
      )}
      <ExportCard />
      <ErasureCard clinicName={clinicName} erasure={settings.data?.erasure ?? null} reload={settings.reload} />
    </section>
  );
}

function ConsentCard({ settings, onSaved }: { settings: PrivacySettingsJson; onSaved: (next: PrivacySettingsJson) => void }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const [draft, setDraft] = useState(settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(settings), [settings]);
  const consent = draft.recording_consent;
  const setConsent = (change: Partial<PrivacySettingsJson["recording_consent"]>) => {
    setStatus(null);
    setDraft({ ...draft, recording_consent: { ...consent, ...change } });
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setStatus(null);
    const result = await apiFetch<PrivacySettingsJson>("/api/privacy/settings", {
      method: "PUT",
      body: { recording_consent: draft.recording_consent, compliance_mode: draft.compliance_mode },
    });
    setSaving(false);
    if (result.ok) {
      setErrors({});
      onSaved(result.data);
      setStatus({ tone: "success", message: t("common.saved") });
    } else {
      setErrors(fieldErrorsOf(result.error));
      setStatus({ tone: "error", message: errorText(result.error) });
    }
  }

  return (
    <Card>
      <form onSubmit={save} noValidate>
        <CardHeader title={t("privacy.consent.title")} description={t("privacy.consent.description")} />
        <CardContent className="space-y-4">
          <label className="flex items-center gap-3 text-sm font-medium text-slate-800">
            <Switch checked={consent.enabled} onCheckedChange={(enabled) => setConsent({ enabled })} />
            {t("privacy.consent.enabled")}
          </label>
          <div className="grid gap-4 md:grid-cols-2">
            <Field label={t("privacy.consent.english")} error={errors["recording_consent.text_en"]}>
              <Textarea
                rows={3}
                lang="en"
                readOnly={!consent.enabled}
                value={consent.text_en}
                onChange={(e) => setConsent({ text_en: e.target.value })}
              />
            </Field>
            <Field label={t("privacy.consent.russian")} error={errors["recording_consent.text_ru"]}>
              <Textarea
                rows={3}
                lang="ru"
                readOnly={!consent.enabled}
                value={consent.text_ru}
                onChange={(e) => setConsent({ text_ru: e.target.value })}
              />
            </Field>
          </div>
          <Field label={t("privacy.consent.delivery")} hint={t("privacy.consent.deliveryHint")} className="max-w-md">
            <Select
              value={consent.delivery}
              disabled={!consent.enabled}
              onChange={(e) => setConsent({ delivery: e.target.value as "vapi" | "first_message" })}
              options={[
                { value: "vapi", label: t("privacy.consent.deliveryVapi") },
                { value: "first_message", label: t("privacy.consent.deliveryFirstMessage") },
              ]}
            />
          </Field>
          <Field label={t("privacy.compliance.label")} hint={t("privacy.compliance.hint")} className="max-w-md">
            <Select
              value={draft.compliance_mode}
              onChange={(e) => {
                setStatus(null);
                setDraft({ ...draft, compliance_mode: e.target.value as "standard" | "hipaa" });
              }}
              options={[
                { value: "standard", label: t("privacy.compliance.standard") },
                { value: "hipaa", label: t("privacy.compliance.hipaa") },
              ]}
            />
          </Field>
        </CardContent>
        <CardFooter>
          <InlineStatus status={status} />
          <Button type="submit" variant="primary" loading={saving}>
            {t("privacy.consent.save")}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function ExportCard() {
  const t = useTranslations();
  const format = useFormatter();
  const timeZone = useClinicTimeZone();
  const errorText = useApiErrorText();
  const exports = useApiResource<DataExportJson[]>("/api/privacy/exports");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = exports.data?.[0] ?? null;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });

  async function request() {
    setBusy(true);
    setError(null);
    const result = await apiFetch<DataExportJson>("/api/privacy/exports", { method: "POST" });
    setBusy(false);
    if (!result.ok) setError(errorText(result.error));
    await exports.reload();
  }

  return (
    <Card>
      <CardHeader title={t("privacy.export.title")} description={t("privacy.export.description")} />
      <CardContent className="space-y-3 text-sm">
        {error && <Alert variant="danger">{error}</Alert>}
        {!latest && !exports.loading && <p className="text-slate-600">{t("privacy.export.none")}</p>}
        {latest?.status === "pending" && (
          <p className="text-slate-700" role="status">
            {t("privacy.export.pending", { at: when(latest.requested_at) })}
          </p>
        )}
        {latest?.status === "ready" && latest.download_url && latest.expires_at && (
          <div className="flex flex-wrap items-center gap-3">
            <a href={latest.download_url} className={buttonClasses("secondary", "md")} download>
              <Download className="size-4" aria-hidden="true" />
              {t("privacy.export.download")}
            </a>
            <span className="text-slate-600">{t("privacy.export.readyUntil", { at: when(latest.expires_at) })}</span>
          </div>
        )}
        {latest?.status === "expired" && <p className="text-slate-600">{t("privacy.export.expired")}</p>}
        {latest?.status === "failed" && <Alert variant="warning">{t("privacy.export.failed")}</Alert>}
      </CardContent>
      <CardFooter>
        {latest?.status === "pending" && (
          <Button variant="ghost" onClick={() => void exports.reload()}>
            {t("privacy.export.refresh")}
          </Button>
        )}
        <Button variant="primary" loading={busy} disabled={latest?.status === "pending"} onClick={() => void request()}>
          {t("privacy.export.request")}
        </Button>
      </CardFooter>
    </Card>
  );
}

function ErasureCard({
  clinicName,
  erasure,
  reload,
}: {
  clinicName: string;
  erasure: PrivacySettingsJson["erasure"];
  reload: () => Promise<void>;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const timeZone = useClinicTimeZone();
  const errorText = useApiErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function schedule() {
    setBusy(true);
    setError(null);
    const result = await apiFetch("/api/privacy/erasure", { method: "POST", body: { confirmation: typed } });
    setBusy(false);
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    setOpen(false);
    setTyped("");
    await reload();
    router.refresh();
  }

  async function undo() {
    setBusy(true);
    setError(null);
    const result = await apiFetch("/api/privacy/erasure", { method: "DELETE" });
    setBusy(false);
    if (!result.ok) setError(errorText(result.error));
    await reload();
    router.refresh();
  }

  return (
    <Card>
      <CardHeader title={t("privacy.erasure.title")} description={t("privacy.erasure.description")} />
      <CardContent className="space-y-3 text-sm">
        {error && !open && <Alert variant="danger">{error}</Alert>}
        {erasure ? (
          <Alert variant="warning" title={t("privacy.erasure.pendingTitle")}>
            {t("privacy.erasure.pending", {
              date: format.dateTime(new Date(erasure.due_at), { dateStyle: "long", timeZone }),
            })}
          </Alert>
        ) : (
          <p className="text-slate-600">{t("privacy.erasure.grace")}</p>
        )}
      </CardContent>
      <CardFooter>
        {erasure ? (
          <Button variant="primary" loading={busy} onClick={() => void undo()}>
            {t("privacy.erasure.undo")}
          </Button>
        ) : (
          <Dialog
            open={open}
            onOpenChange={(next) => {
              if (busy) return;
              setOpen(next);
              if (!next) {
                setError(null);
                setTyped("");
              }
            }}
          >
            <DialogTrigger asChild>
              <Button variant="danger">{t("privacy.erasure.start")}</Button>
            </DialogTrigger>
            <DialogContent
              title={t("privacy.erasure.confirmTitle", { name: clinicName })}
              description={t("privacy.erasure.confirmDescription")}
              role="alertdialog"
            >
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  void schedule();
                }}
                noValidate
              >
                {error && (
                  <Alert variant="danger" className="mb-4">
                    {error}
                  </Alert>
                )}
                <Field label={t("privacy.erasure.typeName", { name: clinicName })}>
                  <Input autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
                </Field>
                <DialogFooter flush>
                  <DialogClose asChild>
                    <Button disabled={busy}>{t("common.cancel")}</Button>
                  </DialogClose>
                  <Button type="submit" variant="danger" loading={busy} disabled={typed.trim() !== clinicName.trim()}>
                    {t("privacy.erasure.confirm")}
                  </Button>
                </DialogFooter>
              </form>
            </DialogContent>
          </Dialog>
        )}
      </CardFooter>
    </Card>
  );
}
