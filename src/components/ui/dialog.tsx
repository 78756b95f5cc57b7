"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/cn";
import { focusRing } from "./styles";

/**
 * Dialog: a modal window (Radix: focus trap, Escape, aria-modal, returns focus on close).
 *   <Dialog open={open} onOpenChange={setOpen}>
 *     <DialogTrigger asChild><Button>Open</Button></DialogTrigger>
 *     <DialogContent title="Create a clinic" description="...">...body...<DialogFooter>...</DialogFooter></DialogContent>
 *   </Dialog>
 * DialogContent always renders an accessible title; `description` is optional.
 */
export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

export interface DialogContentProps extends Omit<ComponentProps<typeof DialogPrimitive.Content>, "title"> {
  title: ReactNode;
  description?: ReactNode;
  /** Hide the corner close button (e.g. while a request is running). */
  hideClose?: boolean;
}

export function DialogContent({ title, description, hideClose, className, children, ...props }: DialogContentProps) {
  const closeLabel = useTranslations()("common.close");
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-slate-900/40 backdrop-blur-[1px] data-[state=open]:animate-fade-in" />
      <DialogPrimitive.Content
        {...(description ? {} : { "aria-describedby": undefined })}
        className={cn(
          "fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2",
          "rounded-xl border border-slate-200 bg-white p-6 shadow-popover outline-none data-[state=open]:animate-pop-in",
          className,
        )}
        {...props}
      >
        <div className="space-y-1.5 pr-8">
          <DialogPrimitive.Title className="text-base font-semibold text-slate-900">{title}</DialogPrimitive.Title>
          {description && (
            <DialogPrimitive.Description className="text-sm leading-relaxed text-slate-500">{description}</DialogPrimitive.Description>
          )}
        </div>
        <div className="mt-5">{children}</div>
        {!hideClose && (
          <DialogPrimitive.Close
            className={cn("absolute top-4 right-4 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-600", focusRing)}
            aria-label={closeLabel}
          >
            <X className="size-4" aria-hidden="true" />
          </DialogPrimitive.Close>
        )}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

/** Buttons at the bottom, primary on the right. `flush` drops the top margin when nothing precedes it. */
export function DialogFooter({ className, flush, ...props }: ComponentProps<"div"> & { flush?: boolean }) {
  return <div className={cn(!flush && "mt-6", "flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)} {...props} />;
}
