"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SkeletonRows } from "@/components/ui/skeleton";
import { focusRing } from "@/components/ui/styles";
import { useApiErrorText } from "@/lib/api-error-text";
import type { CallLogDetail } from "@/lib/call-log-types";
import { useClinicTimeZone, ZoneSuffix } from "@/lib/clinic-time";
import { cn } from "@/lib/cn";
import { useFormatters } from "@/lib/formatters";
import { useApiResource } from "@/lib/use-api-resource";
import { CallDetailBody } from "./call-detail-body";

/**
 * The details of one call in a panel that slides over the list from the right (a modal dialog:
 * focus stays inside, Escape closes it, focus returns to the row).
 */
export function CallDetailSheet({ callId, onClose }: { callId: string | null; onClose: () => void }) {
  const t = useTranslations();
  return (
    <DialogPrimitive.Root open={callId !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-slate-900/30 data-[state=open]:animate-fade-in" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-xl flex-col border-l border-slate-200 bg-white shadow-popover outline-none"
        >
          {callId && <CallDetail callId={callId} />}
          <DialogPrimitive.Close
            className={cn("absolute top-4 right-4 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-600", focusRing)}
            aria-label={t("common.close")}
          >
            <X className="size-5" aria-hidden="true" />
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

function CallDetail({ callId }: { callId: string }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const { formatCaller, formatFullDateTime } = useFormatters();
  const timeZone = useClinicTimeZone();
  const call = useApiResource<CallLogDetail>(`/api/call-logs/${callId}`);
  const current = call.data?.id === callId ? call.data : null;
  return (
    <>
      <header className="border-b border-slate-200 px-6 py-5 pr-14">
        <DialogPrimitive.Title className="text-base font-semibold text-slate-900">
          {current ? t("callDetail.title", { caller: formatCaller(current.from_number) }) : t("callDetail.titleLoading")}
        </DialogPrimitive.Title>
        {current && (
          <p className="mt-0.5 text-sm text-slate-500">
            {formatFullDateTime(current.created_at, timeZone)}
            <ZoneSuffix />
          </p>
        )}
      </header>
      <div className="flex-1 overflow-y-auto px-6 py-5">
        {call.error && !current ? (
          <Alert
            variant="danger"
            title={t("callDetail.loadFailed")}
            action={
              call.error.code !== "not_found" && (
                <Button size="sm" onClick={() => void call.reload()}>
                  {t("calls.tryAgain")}
                </Button>
              )
            }
          >
            {errorText(call.error)}
          </Alert>
        ) : current ? (
          <CallDetailBody call={current} />
        ) : (
          <SkeletonRows rows={6} label={t("callDetail.loading")} />
        )}
      </div>
    </>
  );
}
