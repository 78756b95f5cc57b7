"use client";

import { LogOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";

/**
 * For an emailed link opened while logged in as someone else: logs out and opens the same link
 * again (the page, its fragment and so the token stay), now for the person it was sent to.
 */
export function LogOutAndReload() {
  const t = useTranslations();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="primary"
      size="lg"
      loading={busy}
      onClick={async () => {
        setBusy(true);
        await apiFetch("/api/auth/logout", { method: "POST" });
        window.location.reload();
      }}
    >
      {!busy && <LogOut aria-hidden="true" />}
      {t("auth.logOut")}
    </Button>
  );
}
