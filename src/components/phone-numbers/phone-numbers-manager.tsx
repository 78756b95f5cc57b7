"use client";

import { Phone } from "lucide-react";
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
    else setError(result.error.message);
  }

  async function remove(number: PhoneNumber): Promise<string | null> {
    const result = await apiFetch(`/api/phone-numbers/${number.id}`, { method: "DELETE" });
    if (!result.ok && result.status !== 404) return result.error.message;
    numbers.setData((list) => list?.filter((n) => n.id !== number.id) ?? null);
    return null;
  }

  const list = numbers.data;
  return (
    <div className="space-y-6">
      {!canEdit && <ReadOnlyNotice clinicName={clinicName} what="which numbers ring the receptionist" />}
      {numbers.error && !list ? (
        <Alert variant="danger">{numbers.error.message}</Alert>
      ) : !list ? (
        <Card>
          <SkeletonRows label="Loading phone numbers" />
        </Card>
      ) : list.length === 0 ? (
        <EmptyState
          icon={Phone}
          title="No phone numbers yet"
          description={
            canEdit
              ? "Add the Twilio number patients will call. Your receptionist answers calls to every active number below."
              : "No number rings the receptionist yet. An admin or owner adds the clinic's Twilio number here."
          }
        />
      ) : (
        <Card>
          <CardHeader
            title="Numbers"
            description="Calls to an active number are answered by your receptionist; switch a number off to stop that."
          />
          {error && (
            <div className="px-5 pt-4">
              <Alert variant="danger">{error}</Alert>
            </div>
          )}
          <CardContent flush>
            <Table aria-label="Phone numbers">
              <TableHeader>
                <TableRow>
                  <TableHead>Number</TableHead>
                  <TableHead>Label</TableHead>
                  <TableHead>Vapi id</TableHead>
                  <TableHead>Active</TableHead>
                  {canEdit && <TableHead className="text-right">Actions</TableHead>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.map((number) => (
                  <TableRow key={number.id}>
                    <TableCell className="font-medium text-slate-900">{formatPhoneNumber(number.phone_number)}</TableCell>
                    <TableCell>{number.label ?? <span className="text-slate-400">—</span>}</TableCell>
                    <TableCell>
                      {number.vapi_phone_number_id ? (
                        <code className="font-mono text-xs">{number.vapi_phone_number_id}</code>
                      ) : (
                        <Badge tone="warning">Not set</Badge>
                      )}
                    </TableCell>
                    <TableCell>
                      <Switch
                        checked={number.is_active}
                        disabled={!canEdit || savingId === number.id}
                        aria-label={`${number.is_active ? "Switch off" : "Switch on"} ${formatPhoneNumber(number.phone_number)}`}
                        onCheckedChange={(on) => void setActive(number, on)}
                      />
                    </TableCell>
                    {canEdit && (
                      <TableCell className="text-right whitespace-nowrap">
                        <EditPhoneNumberDialog number={number} onSaved={replaceLocally} />
                        <ConfirmDialog
                          trigger={
                            <Button size="sm" variant="ghost">
                              Delete
                            </Button>
                          }
                          title={`Delete ${formatPhoneNumber(number.phone_number)}?`}
                          description="Calls to it are no longer answered by your receptionist. Past calls stay in your call log."
                          confirmLabel="Delete number"
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
