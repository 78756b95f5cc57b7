"use client";

import { CalendarCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CallLog } from "@/lib/call-log-types";
import { useClinicTimeZone, useDifferentClinicZone } from "@/lib/clinic-time";
import { cn } from "@/lib/cn";
import { useFormatters } from "@/lib/formatters";
import { zoneName } from "@/lib/zone-name";
import { callOutcome, explainEndedReason } from "@/shared/ended-reasons";
import { OutcomeBadge } from "./outcome-badge";

/** The call list: newest first; choosing a row opens its details. */
export function CallsTable({
  calls,
  selectedId,
  onSelect,
}: {
  calls: CallLog[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const timeZone = useClinicTimeZone();
  const otherZone = useDifferentClinicZone();
  const t = useTranslations();
  const { formatCallTime, formatCaller, formatCost, formatDuration, formatFullDateTime } = useFormatters();
  return (
    <Table aria-label={t("calls.table")}>
      <TableHeader>
        <TableRow>
          <TableHead>
            {t("calls.when")}
            {otherZone && <span className="font-normal normal-case"> ({zoneName(otherZone)})</span>}
          </TableHead>
          <TableHead>{t("calls.caller")}</TableHead>
          <TableHead>{t("calls.outcomeColumn")}</TableHead>
          <TableHead className="text-right">{t("calls.length")}</TableHead>
          <TableHead className="w-full">{t("calls.summary")}</TableHead>
          <TableHead>{t("calls.booked")}</TableHead>
          <TableHead className="text-right">{t("calls.cost")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {calls.map((call) => {
          const explained = explainEndedReason(call.status, call.ended_reason, t);
          return (
            <TableRow
              key={call.id}
              data-testid="call-row"
              aria-selected={call.id === selectedId}
              className={cn("cursor-pointer", call.id === selectedId && "bg-brand-50/60 hover:bg-brand-50/80")}
              onClick={() => onSelect(call.id)}
            >
              <TableCell className="whitespace-nowrap">
                <button
                  type="button"
                  className="rounded font-medium text-slate-900 hover:underline focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
                  title={formatFullDateTime(call.created_at, timeZone)}
                  aria-label={t("calls.openCall", {
                    caller: formatCaller(call.from_number),
                    when: formatFullDateTime(call.created_at, timeZone),
                  })}
                  onClick={(event) => {
                    event.stopPropagation();
                    onSelect(call.id);
                  }}
                >
                  {formatCallTime(call.created_at, timeZone)}
                </button>
              </TableCell>
              <TableCell className="whitespace-nowrap tabular-nums">{formatCaller(call.from_number)}</TableCell>
              <TableCell>
                <OutcomeBadge outcome={callOutcome(call.status, call.ended_reason)} title={explained.label} />
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">{formatDuration(call.duration_seconds)}</TableCell>
              <TableCell className="max-w-md">
                <p className="line-clamp-2 text-slate-600">{call.summary ?? <span className="text-slate-500">{explained.label}</span>}</p>
              </TableCell>
              <TableCell>
                {call.appointment_id ? (
                  <span className="inline-flex items-center gap-1 text-emerald-700">
                    <CalendarCheck className="size-4" aria-hidden="true" />
                    {t("calls.yes")}
                  </span>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums text-slate-600">{formatCost(call.cost)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
