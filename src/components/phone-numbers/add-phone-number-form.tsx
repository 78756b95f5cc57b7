"use client";

import { useEffect, useState } from "react";
import { countryOptions, formatPhoneNumber, guessCountry } from "@/components/clinic-setup/countries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { apiFetch } from "@/lib/api-client";
import { useLiveValidation } from "@/lib/use-live-validation";
import { AddPhoneNumberInput } from "@/server/phone-numbers/schemas";
import { normalisePhoneNumber } from "@/shared/phone-number";
import { type PhoneNumber, VAPI_ID_EXPLAINED } from "./phone-number-types";

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
    if (!check.showApiErrors(result.error)) setFormError(result.error.message);
  }

  const e164 = draft.phone_number.trim() ? normalisePhoneNumber(draft.phone_number, draft.country) : null;
  return (
    <Card>
      <form
        aria-label="Add a phone number"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <CardHeader title="Add a number" description="A Twilio number you own. When patients call it, your receptionist answers." />
        <CardContent className="grid gap-4 md:grid-cols-2">
          <Field label="Country" hint="How to read a number written without +country code." error={check.errorFor("country")}>
            <Select value={draft.country} options={countryOptions} onChange={(e) => update("country", e.target.value)} />
          </Field>
          <Field
            label="Phone number"
            error={check.errorFor("phone_number")}
            hint={
              e164 ? `Will be saved as ${formatPhoneNumber(e164)} (${e164}).` : "As you'd write it, e.g. 020 7946 0958 or +44 20 7946 0958."
            }
          >
            <Input type="tel" autoComplete="off" value={draft.phone_number} onChange={(e) => update("phone_number", e.target.value)} />
          </Field>
          <Field label="Label" optional hint="For your team, e.g. “Main line” or “Branch on High Street”." error={check.errorFor("label")}>
            <Input value={draft.label} onChange={(e) => update("label", e.target.value)} />
          </Field>
          <Field label="Vapi phone number id" optional hint={VAPI_ID_EXPLAINED} error={check.errorFor("vapi_phone_number_id")}>
            <Input
              value={draft.vapi_phone_number_id}
              className="font-mono"
              placeholder="e.g. 3f1c9a2e-…"
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
          <span>New numbers start active.</span>
          <Button type="submit" variant="primary" loading={saving}>
            Add number
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
