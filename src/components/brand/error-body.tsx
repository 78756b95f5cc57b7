"use client";

import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button, buttonClasses } from "@/components/ui/button";
import { StatusPageBody } from "./status-page";

/** What a page that failed to render shows: what happened, a retry, the way back. */
export function ErrorBody({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return (
    <StatusPageBody
      icon={TriangleAlert}
      code={t("pages.error.code")}
      title={t("pages.error.title")}
      description={
        <>
          <p>{t("pages.error.description")}</p>
          {error.digest && <p className="mt-2 font-mono text-sm">{t("pages.error.reference", { digest: error.digest })}</p>}
        </>
      }
      actions={
        <>
          <Button variant="primary" onClick={() => reset()}>
            {t("pages.error.retry")}
          </Button>
          <Link href="/dashboard" className={buttonClasses("secondary")}>
            {t("pages.notFound.toDashboard")}
          </Link>
        </>
      }
    />
  );
}
