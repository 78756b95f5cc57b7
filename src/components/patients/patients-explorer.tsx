"use client";

import { Search, SearchX, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import useSWRInfinite from "swr/infinite";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ApiError } from "@/lib/api-client";
import { useApiErrorText } from "@/lib/api-error-text";
import { fetchApi } from "@/lib/api-fetcher";
import { useClinicTimeZone } from "@/lib/clinic-time";
import { useFormatters } from "@/lib/formatters";
import type { PatientPage } from "@/lib/patient-types";
import { PatientDetailSheet } from "./patient-detail-sheet";

const PAGE_SIZE = 30;

function pagePath(q: string, previous: PatientPage | null): string | null {
  if (previous && !previous.next_cursor) return null;
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (q) params.set("q", q);
  if (previous?.next_cursor) params.set("cursor", previous.next_cursor);
  return `/api/patients?${params}`;
}

/** Keeps ?patient=<id> in the address bar, so a patient can be linked to (from a call) and reloaded. */
function rememberSelection(id: string | null) {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set("patient", id);
  else url.searchParams.delete("patient");
  window.history.replaceState(window.history.state, "", url);
}

/** The Patients page: search, the list (newest contact first, more on demand) and a patient's panel. */
export function PatientsExplorer({ initialPatientId, canErase }: { initialPatientId: string | null; canErase: boolean }) {
  const { formatCallTime, languageName } = useFormatters();
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const [selected, setSelected] = useState<string | null>(initialPatientId);
  const timeZone = useClinicTimeZone();
  const t = useTranslations();
  const errorText = useApiErrorText();
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, error, isValidating, size, setSize, mutate } = useSWRInfinite<PatientPage, ApiError>(
    (_index, previous: PatientPage | null) => pagePath(q, previous),
    fetchApi<PatientPage>,
    { revalidateFirstPage: false, shouldRetryOnError: false },
  );
  const pages = data ?? [];
  const patients = pages.flatMap((page) => page.patients);
  const hasMore = pages.length > 0 && Boolean(pages.at(-1)?.next_cursor);
  const loading = data === undefined && isValidating;
  const loadingMore = pages.length > 0 && size > pages.length && isValidating;

  const select = useCallback((id: string | null) => {
    setSelected(id);
    rememberSelection(id);
  }, []);

  return (
    <div className="space-y-4">
      <div className="relative max-w-sm">
        <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-slate-400" aria-hidden="true" />
        <Input
          type="search"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          placeholder={t("patients.searchPlaceholder")}
          aria-label={t("patients.searchLabel")}
          maxLength={100}
          className="pl-9"
        />
      </div>
      <Card>
        {loading ? (
          <SkeletonRows rows={8} label={t("patients.loading")} />
        ) : error && patients.length === 0 ? (
          <CardContent>
            <Alert
              variant="danger"
              title={t("patients.loadFailed")}
              action={
                <Button size="sm" onClick={() => void mutate()}>
                  {t("calls.tryAgain")}
                </Button>
              }
            >
              {errorText(error)}
            </Alert>
          </CardContent>
        ) : patients.length === 0 ? (
          q ? (
            <EmptyState
              variant="plain"
              icon={SearchX}
              title={t("patients.noMatchTitle")}
              description={t("patients.noMatchDescription")}
              action={<Button onClick={() => setTyped("")}>{t("patients.clearSearch")}</Button>}
            />
          ) : (
            <EmptyState variant="plain" icon={Users} title={t("patients.emptyTitle")} description={t("patients.emptyDescription")} />
          )
        ) : (
          <Table aria-label={t("patients.tableLabel")}>
            <TableHeader>
              <TableRow>
                <TableHead>{t("patients.name")}</TableHead>
                <TableHead>{t("patients.number")}</TableHead>
                <TableHead>{t("patients.language")}</TableHead>
                <TableHead>{t("patients.texts")}</TableHead>
                <TableHead>{t("patients.lastContact")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {patients.map((patient) => (
                <TableRow key={patient.id} className="cursor-pointer hover:bg-slate-50" onClick={() => select(patient.id)}>
                  <TableCell>
                    <button type="button" className="font-medium text-slate-900 hover:underline" onClick={() => select(patient.id)}>
                      {patient.name ?? t("patients.nameUnknown")}
                    </button>
                  </TableCell>
                  <TableCell className="tabular-nums">{patient.phone_number}</TableCell>
                  <TableCell>{patient.preferred_language ? languageName(patient.preferred_language) : "—"}</TableCell>
                  <TableCell>
                    {patient.sms_opted_out ? (
                      <Badge tone="warning">{t("patients.optedOut")}</Badge>
                    ) : patient.sms_consent === "revoked" ? (
                      <Badge tone="warning">{t("patients.noTexts")}</Badge>
                    ) : (
                      <Badge tone="success">{t("patients.textsAllowed")}</Badge>
                    )}
                  </TableCell>
                  <TableCell>{formatCallTime(patient.last_seen_at, timeZone)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {hasMore && (
          <div className="border-t border-slate-200 p-3 text-center">
            <Button size="sm" onClick={() => void setSize(pages.length + 1)} disabled={loadingMore}>
              {loadingMore ? t("patients.loadingMore") : t("patients.showMore")}
            </Button>
          </div>
        )}
      </Card>
      <PatientDetailSheet patientId={selected} onClose={() => select(null)} canErase={canErase} onChanged={() => void mutate()} />
    </div>
  );
}
