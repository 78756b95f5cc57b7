"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { formatPhoneNumber } from "@/components/clinic-setup/countries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useLiveValidation } from "@/lib/use-live-validation";
import { ReplacePhoneNumberInput } from "@/shared/schemas/phone-numbers";
import { type PhoneNumber, replacementOf } from "./phone-number-types";

/** Change a number's label and Vapi id (the number itself is deleted and added again instead). */
export function EditPhoneNumberDialog({ number, onSaved }: { number: PhoneNumber; onSaved: (number: PhoneNumber) => void }) {
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState(number.label ?? "");
  const [vapiId, setVapiId] = useState(number.vapi_phone_number_id ?? "");
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const body = useMemo(() => replacementOf(number, { label, vapi_phone_number_id: vapiId }), [number, label, vapiId]);
  const check = useLiveValidation(ReplacePhoneNumberInput, body);
  const t = useTranslations();
  const errorText = useApiErrorText();

  async function save() {
    if (!check.valid) {
      check.revealAll();
      return;
    }
    setSaving(true);
    setFormError(null);
    const result = await apiFetch<PhoneNumber>(`/api/phone-numbers/${number.id}`, { method: "PUT", body });
    setSaving(false);
    if (result.ok) {
      onSaved(result.data);
      setOpen(false);
    } else if (!check.showApiErrors(result.error)) setFormError(errorText(result.error));
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setLabel(number.label ?? "");
          setVapiId(number.vapi_phone_number_id ?? "");
          setFormError(null);
          check.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost">
          {t("phoneNumbers.edit")}
        </Button>
      </DialogTrigger>
      <DialogContent title={t("phoneNumbers.editTitle", { number: formatPhoneNumber(number.phone_number) })} className="max-w-lg">
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <Field label={t("phoneNumbers.label")} optional error={check.errorFor("label")}>
            <Input
              value={label}
              onChange={(e) => {
                check.touch("label");
                setLabel(e.target.value);
              }}
            />
          </Field>
          <Field
            label={t("phoneNumbers.vapiField")}
            optional
            hint={t("phoneNumbers.vapiExplained")}
            error={check.errorFor("vapi_phone_number_id")}
          >
            <Input
              value={vapiId}
              className="font-mono"
              onChange={(e) => {
                check.touch("vapi_phone_number_id");
                setVapiId(e.target.value);
              }}
            />
          </Field>
          {formError && <Alert variant="danger">{formError}</Alert>}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                {t("common.cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" variant="primary" loading={saving}>
              {t("common.save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
