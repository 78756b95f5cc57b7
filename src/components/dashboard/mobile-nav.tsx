"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Sidebar, type SidebarProps } from "./sidebar";

/** Below the lg breakpoint: a menu button that opens the sidebar as a drawer from the left. */
export function MobileNav(props: Omit<SidebarProps, "onNavigate">) {
  const [open, setOpen] = useState(false);
  const t = useTranslations();
  return (
    <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <DialogPrimitive.Trigger asChild>
        <Button variant="ghost" size="icon" aria-label={t("nav.open")}>
          <Menu aria-hidden="true" />
        </Button>
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-900/40 data-[state=open]:animate-fade-in" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 w-72 max-w-[85vw] border-r border-slate-200 bg-slate-50 shadow-popover outline-none data-[state=open]:animate-slide-in-left"
        >
          <DialogPrimitive.Title className="sr-only">{t("nav.title")}</DialogPrimitive.Title>
          <Sidebar {...props} onNavigate={() => setOpen(false)} />
          <DialogPrimitive.Close asChild>
            <Button variant="ghost" size="icon" className="absolute top-3 right-2" aria-label={t("nav.close")}>
              <X aria-hidden="true" />
            </Button>
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
