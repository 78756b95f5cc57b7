"use client";

import { Phone } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { countryOf, formatPhoneNumber } from "@/components/clinic-setup/countries";
import { ReadOnlyNotice } from "@/components/clinic-setup/read-only-notice";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { useApiResource } from "@/lib/use-api-resource";
import { AddPhoneNumberForm } from "./add-phone-number-form";
import { EditPhoneNumberDialog } from "./edit-phone-number-dialog";
import { type PhoneNumber, replacementOf } from "./phone-number-types";

export interface PhoneNumbersManagerProps {
  canEdit: boolean;
  clinicName: string;
}

/** The Phone numbers page: the clinic's numbers, switched on and off, and a form to add one. */
export function PhoneNumbersManager({ canEdit, clinicName }: PhoneNumbersManagerProps) {
  const numbers = useApiResource<PhoneNumber[]>("/api/phone-numbers");
  const [error, setError] = useState<string | null>(null);
  const [savingId, setSavingId] = useState<string | null>(null);
  const t = useTranslations();
  const errorText = useApiErrorText();

  const replaceLocally = (updated: PhoneNumber) => numbers.setData((list) => list?.map((n) => (n.id === updated.id ? updated : n)) ?? null);

  async function setActive(number: PhoneNumber, isActive: boolean) {
    setError(null);
    setSavingId(number.id);
    const result = await apiFetch<PhoneNumber>(`/api/phone-numbers/${number.id}`, {
      method: "PUT",
      body: replacementOf(number, { is_active: isActive }),
    });
    setSavingId(null);
    if (result.ok) replaceLocally(result.data);
    else setError(errorText(result.error));
  }

  async function remove(number: PhoneNumber): Promise<string | null> {
    const result = await apiFetch(`/api/phone-numbers/${number.id}`, { method: "DELETE" });
    if (!result.ok && result.status !== 404) return errorText(result.error);
    numbers.setData((list) => list?.filter((n) => n.id !== number.id) ?? null);
    return null;
  }

  const list = numbers.data;
  return (
    <div className="space-y-6">
      {!canEdit && <ReadOnlyNotice clinicName={clinicName} what={t("phoneNumbers.readOnlyWhat")} />}
      {numbers.error && !list ? (
        <Alert variant="danger">{errorText(numbers.error)}</Alert>
      ) : !list ? (
        <Card>
          <SkeletonRows label={t("phoneNumbers.loading")} />
        </Card>
      ) : list.length === 0 ? (
        <EmptyState
          icon={Phone}
          title={t("phoneNumbers.emptyTitle")}
          description={canEdit ? t("phoneNumbers.emptyEditor") : t("phoneNumbers.emptyViewer")}
        />
      ) : (
        <Card>
          <CardHeader title={t("phoneNumbers.listTitle")} description={t("phoneNumbers.listDescription")} />
          {error && (
            <div className="px-5 pt-4">
              <Alert variant="danger">{error}</Alert>
            </div>
          )}
          <CardContent flush>
            <Table aria-label={t("phoneNumbers.table")}>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("phoneNumbers.number")}</TableHead>
                  <TableHead>{t("phoneNumbers.label")}</TableHead>
                  <TableHead>{t("phoneNumbers.vapiId")}</TableHead>
                  <TableHead>{t("phoneNumbers.active")}</TableHead>
                  {canEdit && <TableHead className="text-right">{t("phoneNumbers.actions")}</TableHead>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.map((number) => (
                  <TableRow key={number.id}>
                    <TableCell className="font-medium text-slate-900">{formatPhoneNumber(number.phone_number)}</TableCell>
                    <TableCell>{number.label ?? <span className="text-slate-500">—</span>}</TableCell>
                    <TableCell>
                      {number.vapi_phone_number_id ? (
                        <code className="font-mono text-xs">{number.vapi_phone_number_id}</code>
                      ) : (
                        <Badge tone="warning">{t("phoneNumbers.notSet")}</Badge>
                      )}
                    </TableCell>
                    <TableCell>
                      <Switch
                        checked={number.is_active}
                        disabled={!canEdit || savingId === number.id}
                        aria-label={t(number.is_active ? "phoneNumbers.switchOff" : "phoneNumbers.switchOn", {
                          number: formatPhoneNumber(number.phone_number),
                        })}
                        onCheckedChange={(on) => void setActive(number, on)}
                      />
                    </TableCell>
                    {canEdit && (
                      <TableCell className="text-right whitespace-nowrap">
                        <EditPhoneNumberDialog number={number} onSaved={replaceLocally} />
                        <ConfirmDialog
                          trigger={
                            <Button size="sm" variant="ghost">
                              {t("phoneNumbers.delete")}
                            </Button>
                          }
                          title={t("phoneNumbers.deleteTitle", { number: formatPhoneNumber(number.phone_number) })}
                          description={t("phoneNumbers.deleteDescription")}
                          confirmLabel={t("phoneNumbers.deleteConfirm")}
                          destructive
                          onConfirm={() => remove(number)}
                        />
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      )}
      {canEdit && list && (
        <AddPhoneNumberForm
          knownCountry={countryOf(list[0]?.phone_number)}
          onAdded={(number) => numbers.setData((current) => [...(current ?? []), number])}
        />
      )}
    </div>
  );
}
