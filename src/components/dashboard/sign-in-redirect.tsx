"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";

/**
 * Fallback for the dashboard layout when nobody is signed in: pages redirect on the server
 * with their own path, and this only runs if one did not, sending the visitor to log in
 * and back to the page they asked for.
 */
export function SignInRedirect() {
  const t = useTranslations();
  const pathname = usePathname();
  const router = useRouter();
  useEffect(() => {
    router.replace(`/login?next=${encodeURIComponent(pathname)}`);
  }, [pathname, router]);
  return (
    <p role="status" className="p-8 text-sm text-slate-500">
      {t("auth.redirectingToLogin")}
    </p>
  );
}
