"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { focusRing } from "@/components/ui/styles";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch, fieldErrorsOf } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { cn } from "@/lib/cn";
import { useFormatters } from "@/lib/formatters";
import type { ChangeSource, Patient, PatientAppointment, PatientDetail } from "@/lib/patient-types";
import { useApiResource } from "@/lib/use-api-resource";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** One patient in a panel over the list: details staff can edit, calls, appointments, texts. */
export function PatientDetailSheet({
  patientId,
  onClose,
  canErase,
  onChanged,
}: {
  patientId: string | null;
  onClose: () => void;
  canErase: boolean;
  onChanged: () => void;
}) {
  const t = useTranslations();
  return (
    <DialogPrimitive.Root open={patientId !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-slate-900/30 data-[state=open]:animate-fade-in" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-xl flex-col border-l border-slate-200 bg-white shadow-popover outline-none"
        >
          {patientId && <PatientPanel patientId={patientId} canErase={canErase} onChanged={onChanged} onErased={onClose} />}
          <DialogPrimitive.Close
            className={cn("absolute top-4 right-4 rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600", focusRing)}
            aria-label={t("common.close")}
          >
            <X className="size-5" aria-hidden="true" />
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

function PatientPanel({
  patientId,
  canErase,
  onChanged,
  onErased,
}: {
  patientId: string;
  canErase: boolean;
  onChanged: () => void;
  onErased: () => void;
}) {
  const { formatDuration, formatFullDateTime } = useFormatters();
  const timeZone = useClinicTimeZone();
  const t = useTranslations();
  const errorText = useApiErrorText();
  const patient = useApiResource<PatientDetail>(`/api/patients/${patientId}`);
  const current = patient.data?.id === patientId ? patient.data : null;
  return (
    <>
      <header className="border-b border-slate-200 px-6 py-5 pr-14">
        <DialogPrimitive.Title className="text-base font-semibold text-slate-900">
          {current ? (current.name ?? current.phone_number) : t("patients.panel.title")}
        </DialogPrimitive.Title>
        {current && <p className="mt-0.5 text-sm text-slate-500 tabular-nums">{current.phone_number}</p>}
      </header>
      <div className="flex-1 space-y-6 overflow-y-auto px-6 py-5">
        {patient.error && !current ? (
          <Alert variant="danger" title={t("patients.panel.loadFailed")}>
            {errorText(patient.error)}
          </Alert>
        ) : current ? (
          <>
            <PatientForm
              patient={current}
              onSaved={(saved) => {
                patient.setData((old) => (old ? { ...old, ...saved } : old));
                onChanged();
              }}
            />
            <Section title={t("patients.panel.appointments")}>
              {current.appointments.length === 0 ? (
                <p className="text-sm text-slate-500">{t("patients.panel.noAppointments")}</p>
              ) : (
                <ul className="space-y-2" aria-label={t("patients.panel.appointments")}>
                  {current.appointments.map((a) => (
                    <AppointmentItem
                      key={a.id}
                      appointment={a}
                      onMarked={(noShow) =>
                        patient.setData((old) =>
                          old
                            ? { ...old, appointments: old.appointments.map((x) => (x.id === a.id ? { ...x, no_show: noShow } : x)) }
                            : old,
                        )
                      }
                    />
                  ))}
                </ul>
              )}
            </Section>
            <Section title={t("patients.panel.texts")}>
              {!current.sms || current.sms.length === 0 ? (
                <p className="text-sm text-slate-500">{t("patients.panel.noTexts")}</p>
              ) : (
                <ul className="space-y-2" aria-label={t("patients.panel.texts")}>
                  {current.sms.map((m) => (
                    <li
                      key={m.id}
                      className={cn(
                        "rounded-lg px-3 py-2 text-sm",
                        m.direction === "inbound" ? "mr-10 bg-slate-100" : "ml-10 border border-sky-200 bg-sky-50",
                      )}
                    >
                      <p className="whitespace-pre-wrap text-slate-800">{m.body ?? t("patients.panel.erased")}</p>
                      <p className="mt-1 text-xs text-slate-500">
                        {m.direction === "inbound" ? t("patients.panel.fromPatient") : smsKindLabel(t, m.kind)} ·{" "}
                        {formatFullDateTime(m.send_at ?? m.created_at, timeZone)} ·{" "}
                        <span
                          className={m.status === "failed" || m.status === "undelivered" ? "text-red-700" : undefined}
                          title={m.status_reason ?? undefined}
                        >
                          {smsStatusLabel(t, m.status)}
                          {m.error_code ? ` ${t("patients.panel.errorCode", { code: m.error_code })}` : ""}
                        </span>
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section title={t("patients.panel.calls")}>
              {current.calls.length === 0 ? (
                <p className="text-sm text-slate-500">{t("patients.panel.noCalls")}</p>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm">
                  {current.calls.map((call) => (
                    <li key={call.id} className="flex items-center justify-between gap-2 py-1.5">
                      <Link href={`/dashboard/calls?call=${call.id}`} className="text-sky-700 hover:underline">
                        {formatFullDateTime(call.created_at, timeZone)}
                      </Link>
                      <span className="text-slate-500 tabular-nums">{formatDuration(call.duration_seconds)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            {canErase && <EraseSection patient={current} onErased={onErased} onChanged={onChanged} />}
          </>
        ) : (
          <SkeletonRows rows={6} label={t("patients.panel.loading")} />
        )}
      </div>
    </>
  );
}

/** The dashboard's translator (all keys), as the label helpers below take it. */
type Translate = ReturnType<typeof useTranslations<never>>;

function smsKindLabel(t: Translate, kind: string): string {
  switch (kind) {
    case "confirmation":
      return t("patients.sms.kind.confirmation");
    case "change":
      return t("patients.sms.kind.change");
    case "cancellation":
      return t("patients.sms.kind.cancellation");
    case "reminder":
      return t("patients.sms.kind.reminder");
    case "reply":
      return t("patients.sms.kind.reply");
    default:
      return kind;
  }
}

function smsStatusLabel(t: Translate, status: string): string {
  switch (status) {
    case "pending":
      return t("patients.sms.status.pending");
    case "sending":
    case "accepted":
    case "queued":
      return t("patients.sms.status.queued");
    case "sent":
      return t("patients.sms.status.sent");
    case "delivered":
      return t("patients.sms.status.delivered");
    case "undelivered":
      return t("patients.sms.status.undelivered");
    case "failed":
      return t("patients.sms.status.failed");
    case "canceled":
      return t("patients.sms.status.canceled");
    case "suppressed":
      return t("patients.sms.status.suppressed");
    case "received":
      return t("patients.sms.status.received");
    default:
      return status;
  }
}

function viaLabel(t: Translate, via: ChangeSource): string {
  if (via === "phone") return t("patients.via.phone");
  if (via === "sms") return t("patients.via.sms");
  return t("patients.via.dashboard");
}

/** One appointment: when, what, where it was booked and last changed (and by whom), and the no-show mark. */
function AppointmentItem({ appointment: a, onMarked }: { appointment: PatientAppointment; onMarked: (noShow: boolean) => void }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const { formatFullDateTime } = useFormatters();
  const timeZone = useClinicTimeZone();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const begun = new Date(a.start_at).getTime() <= Date.now();
  async function mark(noShow: boolean) {
    setBusy(true);
    setProblem(null);
    const result = await apiFetch(`/api/calendar/appointments/${a.id}`, { method: "PATCH", body: { no_show: noShow } });
    setBusy(false);
    if (result.ok) onMarked(noShow);
    else setProblem(errorText(result.error));
  }
  return (
    <li className="rounded-lg border border-slate-200 px-3 py-2 text-sm">
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium text-slate-900">{formatFullDateTime(a.start_at, timeZone)}</span>
        <Badge tone={a.status === "cancelled" ? "danger" : a.no_show ? "warning" : "success"}>
          {a.status === "cancelled"
            ? t("patients.appointment.cancelled")
            : a.no_show
              ? t("patients.appointment.noShow")
              : a.patient_confirmed_at
                ? t("patients.appointment.confirmed")
                : t("patients.appointment.booked")}
        </Badge>
      </div>
      <p className="text-slate-600">{a.summary}</p>
      <p className="text-xs text-slate-500">
        {a.created_via ? t("patients.appointment.bookedVia", { via: viaLabel(t, a.created_via) }) : t("patients.appointment.booked")}
        {a.changed_via && a.changed_at
          ? ` · ${
              a.status === "cancelled"
                ? t("patients.appointment.cancelledVia", {
                    via: viaLabel(t, a.changed_via),
                    when: formatFullDateTime(a.changed_at, timeZone),
                  })
                : t("patients.appointment.changedVia", {
                    via: viaLabel(t, a.changed_via),
                    when: formatFullDateTime(a.changed_at, timeZone),
                  })
            }${a.changed_by ? ` ${t("patients.appointment.by", { who: a.changed_by.email ?? t("patients.appointment.formerMember") })}` : ""}`
          : ""}
      </p>
      {a.status !== "cancelled" && begun && (
        <div className="mt-1.5 flex items-center gap-2">
          <Button size="sm" variant="ghost" disabled={busy} onClick={() => void mark(!a.no_show)}>
            {a.no_show ? t("patients.appointment.unmarkNoShow") : t("patients.appointment.markNoShow")}
          </Button>
          {problem && (
            <span role="alert" className="text-xs text-red-700">
              {problem}
            </span>
          )}
        </div>
      )}
    </li>
  );
}

function PatientForm({ patient, onSaved }: { patient: PatientDetail; onSaved: (saved: Patient) => void }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const [name, setName] = useState(patient.name ?? "");
  const [notes, setNotes] = useState(patient.notes ?? "");
  const [language, setLanguage] = useState(patient.preferred_language ?? "");
  const [consent, setConsent] = useState(patient.sms_consent);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setName(patient.name ?? "");
    setNotes(patient.notes ?? "");
    setLanguage(patient.preferred_language ?? "");
    setConsent(patient.sms_consent);
  }, [patient.name, patient.notes, patient.preferred_language, patient.sms_consent]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const result = await apiFetch<Patient>(`/api/patients/${patient.id}`, {
      method: "PATCH",
      body: { name: name.trim() || null, notes: notes.trim() || null, preferred_language: language || null, sms_consent: consent },
    });
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setMessage(t("common.saved"));
      onSaved(result.data);
    } else {
      setErrors(fieldErrorsOf(result.error));
      setMessage(errorText(result.error));
    }
  }

  return (
    <form onSubmit={save} className="space-y-3">
      <Field label={t("patients.name")} error={errors.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
      </Field>
      {patient.other_names.length > 0 && (
        <p className="text-xs text-slate-500">{t("patients.panel.alsoHeard", { names: patient.other_names.join(", ") })}</p>
      )}
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("patients.language")} error={errors.preferred_language}>
          <Select
            value={language}
            onChange={(e) => setLanguage(e.target.value as "en" | "ru" | "")}
            options={[
              { value: "", label: t("patients.languageUnknown") },
              { value: "en", label: t("patients.languageEn") },
              { value: "ru", label: t("patients.languageRu") },
            ]}
          />
        </Field>
        <Field label={t("patients.panel.consent")} error={errors.sms_consent}>
          <Select
            value={consent}
            onChange={(e) => setConsent(e.target.value as Patient["sms_consent"])}
            options={[
              { value: "unknown", label: t("patients.panel.consentUnknown") },
              { value: "granted", label: t("patients.panel.consentGranted") },
              { value: "revoked", label: t("patients.panel.consentRevoked") },
            ]}
          />
        </Field>
      </div>
      {patient.sms_opted_out && (
        <Alert variant="warning" title={t("patients.panel.optedOutTitle")}>
          {t("patients.panel.optedOutBody")}
        </Alert>
      )}
      <Field label={t("patients.panel.notes")} optional error={errors.notes}>
        <Textarea value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={4000} rows={3} />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" disabled={busy}>
          {busy ? t("patients.panel.saving") : t("common.save")}
        </Button>
        {message && (
          <span role="status" className="text-sm text-slate-600">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}

function EraseSection({ patient, onErased, onChanged }: { patient: PatientDetail; onErased: () => void; onChanged: () => void }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  return (
    <Section title={t("patients.erase.title")}>
      <p className="text-sm text-slate-600">{t("patients.erase.body")}</p>
      <ConfirmDialog
        trigger={
          <Button variant="danger" size="sm">
            {t("patients.erase.button")}
          </Button>
        }
        title={t("patients.erase.confirmTitle", { name: patient.name ?? patient.phone_number })}
        description={t("patients.erase.confirmBody")}
        confirmLabel={t("patients.erase.confirm")}
        destructive
        onConfirm={async () => {
          const result = await apiFetch(`/api/patients/${patient.id}`, { method: "DELETE" });
          if (!result.ok) return errorText(result.error);
          onChanged();
          onErased();
          return null;
        }}
      />
    </Section>
  );
}
