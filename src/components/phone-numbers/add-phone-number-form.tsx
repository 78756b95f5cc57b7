"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { countryOptions, formatPhoneNumber, guessCountry } from "@/components/clinic-setup/countries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useLiveValidation } from "@/lib/use-live-validation";
import { countryName, exampleNumber, normalisePhoneNumber } from "@/shared/phone-number";
import { AddPhoneNumberInput } from "@/shared/schemas/phone-numbers";
import type { PhoneNumber } from "./phone-number-types";

/** Add a number: country, the number as the clinic writes it (shown as it will be stored), label, Vapi id. */
export interface AddPhoneNumberFormProps {
  /** The country of the clinic's existing numbers, if any; otherwise guessed from the browser. */
  knownCountry: string | undefined;
  onAdded: (number: PhoneNumber) => void;
}

export function AddPhoneNumberForm({ knownCountry, onAdded }: AddPhoneNumberFormProps) {
  const [draft, setDraft] = useState({ country: knownCountry ?? "GB", phone_number: "", label: "", vapi_phone_number_id: "" });
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const check = useLiveValidation(AddPhoneNumberInput, draft);
  const t = useTranslations();
  const locale = useLocale();
  const errorText = useApiErrorText();

  useEffect(() => {
    if (knownCountry) return;
    const guessed = guessCountry(navigator.languages);
    setDraft((current) => (current.phone_number ? current : { ...current, country: guessed }));
  }, [knownCountry]);

  function update(key: keyof typeof draft, value: string) {
    check.touch(key);
    if (key === "country" && draft.phone_number) check.touch("phone_number");
    setDraft((current) => ({ ...current, [key]: value }));
  }

  async function submit() {
    setFormError(null);
    if (!check.valid) {
      check.revealAll();
      return;
    }
    setSaving(true);
    const result = await apiFetch<PhoneNumber>("/api/phone-numbers", { method: "POST", body: draft });
    setSaving(false);
    if (result.ok) {
      onAdded(result.data);
      setDraft((current) => ({ ...current, phone_number: "", label: "", vapi_phone_number_id: "" }));
      check.reset();
      return;
    }
    if (!check.showApiErrors(result.error)) setFormError(errorText(result.error));
  }

  const e164 = draft.phone_number.trim() ? normalisePhoneNumber(draft.phone_number, draft.country) : null;
  const example = exampleNumber(draft.country);
  return (
    <Card>
      <form
        aria-label={t("phoneNumbers.addForm")}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <CardHeader title={t("phoneNumbers.addTitle")} description={t("phoneNumbers.addDescription")} />
        <CardContent className="grid gap-4 md:grid-cols-2">
          <Field label={t("phoneNumbers.country")} hint={t("phoneNumbers.countryHint")} error={check.errorFor("country")}>
            <Select value={draft.country} options={countryOptions} onChange={(e) => update("country", e.target.value)} />
          </Field>
          <Field
            label={t("phoneNumbers.phoneNumber")}
            error={check.errorFor("phone_number")}
            hint={
              e164
                ? t("phoneNumbers.willBeSaved", { formatted: formatPhoneNumber(e164), e164 })
                : example
                  ? t("phoneNumbers.phoneHintExample", { country: countryName(draft.country, locale), ...example })
                  : t("phoneNumbers.phoneHint")
            }
          >
            <Input type="tel" autoComplete="off" value={draft.phone_number} onChange={(e) => update("phone_number", e.target.value)} />
          </Field>
          <Field label={t("phoneNumbers.label")} optional hint={t("phoneNumbers.labelHint")} error={check.errorFor("label")}>
            <Input value={draft.label} onChange={(e) => update("label", e.target.value)} />
          </Field>
          <Field
            label={t("phoneNumbers.vapiField")}
            optional
            hint={t("phoneNumbers.vapiExplained")}
            error={check.errorFor("vapi_phone_number_id")}
          >
            <Input
              value={draft.vapi_phone_number_id}
              className="font-mono"
              placeholder={t("phoneNumbers.vapiPlaceholder")}
              onChange={(e) => update("vapi_phone_number_id", e.target.value)}
            />
          </Field>
          {formError && (
            <Alert variant="danger" className="md:col-span-2">
              {formError}
            </Alert>
          )}
        </CardContent>
        <CardFooter>
          <span>{t("phoneNumbers.startActive")}</span>
          <Button type="submit" variant="primary" loading={saving}>
            {t("phoneNumbers.add")}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
