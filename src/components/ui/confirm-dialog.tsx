"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "./dialog";

/**
 * ConfirmDialog: "Are you sure?" for one action. It runs `onConfirm`, keeps the dialog open
 * with the error if that returns a message, and closes when it returns nothing.
 *
 *   <ConfirmDialog trigger={<Button variant="ghost">Remove</Button>} title="Remove ann@clinic.com?"
 *     description="They lose access at once." confirmLabel="Remove" destructive
 *     onConfirm={async () => { const r = await apiFetch(...); return r.ok ? null : errorText(r.error); }} />
 */
export interface ConfirmDialogProps {
  trigger: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  /** Return an error message to keep the dialog open and show it; null/undefined closes it. */
  onConfirm: () => Promise<string | null | undefined>;
}

export function ConfirmDialog({ trigger, title, description, confirmLabel, destructive, onConfirm }: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations();

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const message = await onConfirm();
      if (message) setError(message);
      else setOpen(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        setOpen(next);
        if (!next) setError(null);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description} hideClose={busy} role="alertdialog">
        {error && (
          <Alert variant="danger" className="mb-5">
            {error}
          </Alert>
        )}
        <DialogFooter flush>
          <DialogClose asChild>
            <Button disabled={busy}>{t("common.cancel")}</Button>
          </DialogClose>
          <Button variant={destructive ? "danger" : "primary"} loading={busy} onClick={confirm}>
            {confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
