"use client";

import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

/** Reads the mail catcher again (the page is rendered on the server). */
export function DemoInboxRefresh() {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button variant="secondary" loading={pending} onClick={() => startTransition(() => router.refresh())}>
      {!pending && <RefreshCw aria-hidden="true" />}
      {t("demoInbox.refresh")}
    </Button>
  );
}
