import { Compass } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { PublicFrame } from "@/components/brand/public-frame";
import { StatusPageBody } from "@/components/brand/status-page";
import { buttonClasses } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("pages.notFound.metaTitle") };
}

/** Any address that is not a page. Dashboard addresses get the dashboard's own 404 (with its navigation). */
export default function NotFound() {
  const t = useTranslations();
  return (
    <PublicFrame>
      <StatusPageBody
        icon={Compass}
        code="404"
        title={t("pages.notFound.title")}
        description={t("pages.notFound.description")}
        actions={
          <>
            <Link href="/dashboard" className={buttonClasses("primary")}>
              {t("pages.notFound.toDashboard")}
            </Link>
            <Link href="/" className={buttonClasses("secondary")}>
              {t("pages.notFound.home")}
            </Link>
          </>
        }
      />
    </PublicFrame>
  );
}
