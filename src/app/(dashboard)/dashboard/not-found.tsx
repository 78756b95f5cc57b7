import { Compass } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { StatusPageBody } from "@/components/brand/status-page";
import { buttonClasses } from "@/components/ui/button";

/** Rendered inside the dashboard frame, so the navigation stays at hand. */
export default function DashboardNotFound() {
  const t = useTranslations();
  return (
    <StatusPageBody
      icon={Compass}
      code="404"
      title={t("pages.notFound.title")}
      description={t("pages.notFound.dashboardDescription")}
      actions={
        <Link href="/dashboard" className={buttonClasses("primary")}>
          {t("pages.notFound.toOverview")}
        </Link>
      }
    />
  );
}
