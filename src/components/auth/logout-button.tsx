"use client";

import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";

/** Ends the session on the server (POST /api/auth/logout) and goes to `redirectTo` (the log-in page). */
export function LogoutButton({ redirectTo = "/login", children, ...props }: ButtonProps & { redirectTo?: string }) {
  const router = useRouter();
  const t = useTranslations();
  const [busy, setBusy] = useState(false);

  async function logOut() {
    setBusy(true);
    await apiFetch("/api/auth/logout", { method: "POST" });
    router.replace(redirectTo);
    router.refresh();
  }

  return (
    <Button onClick={logOut} loading={busy} {...props}>
      {!busy && <LogOut aria-hidden="true" />}
      {children ?? t("auth.logOut")}
    </Button>
  );
}
