import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";

/** On every dashboard page while the clinic's erasure is pending: when, and (owners) where to undo it. */
export async function ErasureBanner({ dueAt, timeZone, isOwner }: { dueAt: Date; timeZone: string; isOwner: boolean }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const date = format.dateTime(dueAt, { dateStyle: "long", timeZone });
  return (
    // The link is the Alert's action, not inside its (dimmed) body: full contrast for axe.
    <Alert
      variant="danger"
      title={t("privacy.banner.title")}
      className="mb-6"
      action={
        isOwner ? (
          <Link href="/dashboard/settings#privacy" className="font-medium underline underline-offset-2">
            {t("privacy.banner.undo")}
          </Link>
        ) : undefined
      }
    >
      {t("privacy.banner.body", { date })}
      {isOwner ? "" : ` ${t("privacy.banner.askOwner")}`}
    </Alert>
  );
}
