"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { apiFetch, fieldErrorsOf } from "@/lib/api-client";
import { useApiErrorText, useFieldErrorText } from "@/lib/api-error-text";
import { cn } from "@/lib/cn";
import { useFormatters } from "@/lib/formatters";
import { type Appointment, localTime, type Slot, type SlotsResponse } from "./calendar-types";

const durations = [15, 20, 30, 45, 60, 90];

export interface BookingFormProps {
  defaultDuration: number;
  timezone: string;
  onBooked: (appointment: Appointment) => void;
}

/** Book by hand: pick a day, pick one of its free times, say who and what. */
export function BookingForm({ defaultDuration, timezone, onBooked }: BookingFormProps) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const fieldText = useFieldErrorText();
  const { formatDay } = useFormatters();
  const durationOptions = durations.map((minutes) => ({
    value: String(minutes),
    label: t("calendar.booking.minutes", { count: minutes }),
  }));
  const [date, setDate] = useState("");
  const [duration, setDuration] = useState(String(defaultDuration));
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [chosen, setChosen] = useState<Slot | null>(null);
  const [details, setDetails] = useState({ summary: "", customer_name: "", customer_phone: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "danger" | "warning" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState<"slots" | "booking" | null>(null);
  // One key per intended booking: a double click or a retry cannot book twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  async function findSlots() {
    setMessage(null);
    setChosen(null);
    if (!date) {
      setErrors({ date: t("calendar.booking.chooseDay") });
      return;
    }
    setErrors({});
    setBusy("slots");
    const result = await apiFetch<SlotsResponse>(`/api/calendar/slots?date=${date}&duration_minutes=${duration}`);
    setBusy(null);
    if (!result.ok) {
      setSlots(null);
      setMessage({ tone: "danger", text: errorText(result.error) });
      return;
    }
    setSlots(result.data.slots);
    if (result.data.google === "unavailable") {
      setMessage({ tone: "warning", text: t("calendar.booking.googleUnavailable") });
    }
  }

  async function book() {
    setMessage(null);
    if (!chosen) {
      setMessage({ tone: "danger", text: t("calendar.booking.chooseTimeFirst") });
      return;
    }
    setBusy("booking");
    const result = await apiFetch<Appointment>("/api/calendar/appointments", {
      method: "POST",
      body: { ...details, start: chosen.start, end: chosen.end, idempotency_key: idempotencyKey },
    });
    setBusy(null);
    if (result.ok) {
      onBooked(result.data);
      setMessage({
        tone: "success",
        text: t("calendar.booking.booked", {
          what: result.data.summary,
          day: formatDay(result.data.start, timezone),
          time: localTime(result.data.start),
        }),
      });
      setDetails({ summary: "", customer_name: "", customer_phone: "" });
      setChosen(null);
      setSlots((current) => current?.filter((slot) => slot.end <= result.data.start || slot.start >= result.data.end) ?? null);
      setIdempotencyKey(crypto.randomUUID());
      return;
    }
    setErrors(
      Object.fromEntries(Object.entries(fieldErrorsOf(result.error)).map(([field, sentence]) => [field, fieldText(sentence, sentence)])),
    );
    const nearest = (result.error.details as { nearest_slots?: Slot[] } | undefined)?.nearest_slots;
    if (nearest) {
      setSlots(nearest);
      setChosen(null);
      setIdempotencyKey(crypto.randomUUID());
    }
    const problem = errorText(result.error).replace(" The nearest free times are in details.nearest_slots.", "");
    setMessage({ tone: "danger", text: nearest?.length ? `${problem} ${t("calendar.booking.nearestShown")}` : problem });
  }

  return (
    <Card>
      <form
        aria-label={t("calendar.booking.title")}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void book();
        }}
      >
        <CardHeader title={t("calendar.booking.title")} description={t("calendar.booking.description", { zone: timezone })} />
        <CardContent className="space-y-5">
          <div className="grid items-end gap-4 sm:grid-cols-[1fr_1fr_auto]">
            <Field label={t("calendar.booking.day")} error={errors.date}>
              <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            </Field>
            <Field label={t("calendar.booking.length")}>
              <Select value={duration} options={durationOptions} onChange={(e) => setDuration(e.target.value)} />
            </Field>
            <Button type="button" loading={busy === "slots"} onClick={() => void findSlots()}>
              {t("calendar.booking.findTimes")}
            </Button>
          </div>
          {slots && (
            <fieldset>
              <legend className="mb-2 text-sm font-medium text-slate-700">
                {slots.length ? t("calendar.booking.freeTimes") : t("calendar.booking.noFreeTime")}
              </legend>
              <div className="flex flex-wrap gap-2">
                {slots.map((slot) => (
                  <button
                    key={slot.start}
                    type="button"
                    aria-pressed={chosen?.start === slot.start}
                    onClick={() => setChosen(slot)}
                    className={cn(
                      "rounded-md border px-2.5 py-1 text-sm tabular-nums",
                      chosen?.start === slot.start
                        ? "border-brand-600 bg-brand-600 text-white"
                        : "border-slate-300 bg-white text-slate-800 hover:border-slate-400",
                    )}
                  >
                    {slot.start.slice(0, 10) === date
                      ? localTime(slot.start)
                      : `${formatDay(slot.start, timezone)} ${localTime(slot.start)}`}
                  </button>
                ))}
              </div>
            </fieldset>
          )}
          <div className="grid gap-4 md:grid-cols-3">
            <Field label={t("calendar.booking.whatFor")} error={errors.summary}>
              <Input
                value={details.summary}
                placeholder={t("calendar.booking.whatForPlaceholder")}
                onChange={(e) => setDetails({ ...details, summary: e.target.value })}
              />
            </Field>
            <Field label={t("calendar.booking.patient")} optional error={errors.customer_name}>
              <Input value={details.customer_name} onChange={(e) => setDetails({ ...details, customer_name: e.target.value })} />
            </Field>
            <Field label={t("calendar.booking.phone")} optional error={errors.customer_phone} hint={t("calendar.booking.phoneHint")}>
              <Input
                type="tel"
                value={details.customer_phone}
                onChange={(e) => setDetails({ ...details, customer_phone: e.target.value })}
              />
            </Field>
          </div>
          {message && <Alert variant={message.tone}>{message.text}</Alert>}
        </CardContent>
        <CardFooter>
          <span>
            {chosen
              ? t("calendar.booking.selected", {
                  day: formatDay(chosen.start, timezone),
                  from: localTime(chosen.start),
                  to: localTime(chosen.end),
                })
              : t("calendar.booking.chooseAbove")}
          </span>
          <Button type="submit" variant="primary" loading={busy === "booking"}>
            {t("calendar.booking.submit")}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
