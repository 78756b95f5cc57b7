"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import Link from "next/link";
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
import { useClinicTimeZone } from "@/lib/clinic-time";
import { cn } from "@/lib/cn";
import { useFormatters } from "@/lib/formatters";
import { changeSourceLabels, type Patient, type PatientDetail } from "@/lib/patient-types";
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
            aria-label="Close"
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
  const patient = useApiResource<PatientDetail>(`/api/patients/${patientId}`);
  const current = patient.data?.id === patientId ? patient.data : null;
  return (
    <>
      <header className="border-b border-slate-200 px-6 py-5 pr-14">
        <DialogPrimitive.Title className="text-base font-semibold text-slate-900">
          {current ? (current.name ?? current.phone_number) : "Patient"}
        </DialogPrimitive.Title>
        {current && <p className="mt-0.5 text-sm text-slate-500 tabular-nums">{current.phone_number}</p>}
      </header>
      <div className="flex-1 space-y-6 overflow-y-auto px-6 py-5">
        {patient.error && !current ? (
          <Alert variant="danger" title="This patient could not be loaded">
            {patient.error.message}
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
            <Section title="Appointments">
              {current.appointments.length === 0 ? (
                <p className="text-sm text-slate-500">No appointments.</p>
              ) : (
                <ul className="space-y-2">
                  {current.appointments.map((a) => (
                    <li key={a.id} className="rounded-lg border border-slate-200 px-3 py-2 text-sm">
                      <div className="flex items-center justify-between gap-2">
                        <span className="font-medium text-slate-900">{formatFullDateTime(a.start_at, timeZone)}</span>
                        <Badge tone={a.status === "cancelled" ? "danger" : a.no_show ? "warning" : "success"}>
                          {a.status === "cancelled" ? "Cancelled" : a.no_show ? "No-show" : "Booked"}
                        </Badge>
                      </div>
                      <p className="text-slate-600">{a.summary}</p>
                      <p className="text-xs text-slate-500">
                        {a.created_via ? `Booked ${changeSourceLabels[a.created_via]}` : "Booked"}
                        {a.changed_via && a.changed_at
                          ? ` · ${a.status === "cancelled" ? "cancelled" : "changed"} ${changeSourceLabels[a.changed_via]} on ${formatFullDateTime(a.changed_at, timeZone)}`
                          : ""}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section title="Text messages">
              {!current.sms || current.sms.length === 0 ? (
                <p className="text-sm text-slate-500">No text messages yet.</p>
              ) : (
                <ul className="space-y-2" aria-label="Text messages">
                  {current.sms.map((m) => (
                    <li
                      key={m.id}
                      className={cn(
                        "rounded-lg px-3 py-2 text-sm",
                        m.direction === "inbound" ? "mr-10 bg-slate-100" : "ml-10 border border-sky-200 bg-sky-50",
                      )}
                    >
                      <p className="whitespace-pre-wrap text-slate-800">{m.body ?? "(erased)"}</p>
                      <p className="mt-1 text-xs text-slate-500">
                        {m.direction === "inbound" ? "From the patient" : smsKindLabel(m.kind)} ·{" "}
                        {formatFullDateTime(m.send_at ?? m.created_at, timeZone)} ·{" "}
                        <span className={m.status === "failed" || m.status === "undelivered" ? "text-red-700" : undefined}>
                          {m.status}
                          {m.error_code ? ` (error ${m.error_code})` : ""}
                        </span>
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section title="Calls">
              {current.calls.length === 0 ? (
                <p className="text-sm text-slate-500">No calls.</p>
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
          <SkeletonRows rows={6} label="Loading the patient" />
        )}
      </div>
    </>
  );
}

function smsKindLabel(kind: string): string {
  const labels: Record<string, string> = {
    confirmation: "Confirmation",
    change: "Change",
    cancellation: "Cancellation",
    reminder: "Reminder",
    reply: "Reply",
  };
  return labels[kind] ?? kind;
}

function PatientForm({ patient, onSaved }: { patient: PatientDetail; onSaved: (saved: Patient) => void }) {
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
      setMessage("Saved.");
      onSaved(result.data);
    } else {
      setErrors(fieldErrorsOf(result.error));
      setMessage(result.error.message);
    }
  }

  return (
    <form onSubmit={save} className="space-y-3">
      <Field label="Name" error={errors.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
      </Field>
      {patient.other_names.length > 0 && <p className="text-xs text-slate-500">Also heard as: {patient.other_names.join(", ")}</p>}
      <div className="grid grid-cols-2 gap-3">
        <Field label="Language" error={errors.preferred_language}>
          <Select
            value={language}
            onChange={(e) => setLanguage(e.target.value as "en" | "ru" | "")}
            options={[
              { value: "", label: "Not known" },
              { value: "en", label: "English" },
              { value: "ru", label: "Russian" },
            ]}
          />
        </Field>
        <Field label="Text messages" error={errors.sms_consent}>
          <Select
            value={consent}
            onChange={(e) => setConsent(e.target.value as Patient["sms_consent"])}
            options={[
              { value: "unknown", label: "Appointment texts" },
              { value: "granted", label: "Agreed to texts" },
              { value: "revoked", label: "No texts" },
            ]}
          />
        </Field>
      </div>
      {patient.sms_opted_out && (
        <Alert variant="warning" title="Opted out of texts">
          This patient replied STOP (or their carrier blocked texts). They get no texts until they reply START.
        </Alert>
      )}
      <Field label="Notes" optional error={errors.notes}>
        <Textarea value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={4000} rows={3} />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" disabled={busy}>
          {busy ? "Saving…" : "Save"}
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
  return (
    <Section title="Erase">
      <p className="text-sm text-slate-600">
        Erasing removes this patient and their name, number, transcripts, recordings and text messages from this clinic. Calls and
        appointments stay as anonymous counts.
      </p>
      <ConfirmDialog
        trigger={
          <Button variant="danger" size="sm">
            Erase patient
          </Button>
        }
        title={`Erase ${patient.name ?? patient.phone_number}?`}
        description="This cannot be undone."
        confirmLabel="Erase"
        destructive
        onConfirm={async () => {
          const result = await apiFetch(`/api/patients/${patient.id}`, { method: "DELETE" });
          if (!result.ok) return result.error.message;
          onChanged();
          onErased();
          return null;
        }}
      />
    </Section>
  );
}
