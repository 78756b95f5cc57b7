import { ArrowLeft, MailQuestion } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { LinkedText } from "@/components/demo/linked-text";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireDashboardSession } from "@/server/auth/page-session";
import { getConfig } from "@/server/config";
import { type DemoInboxEmail, listDemoInbox } from "@/server/email/list-demo-inbox";
import { DomainError } from "@/server/errors";
import { DEMO_INBOX_PATH } from "@/shared/account-paths";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.demoInbox") };
}

/** One caught email: who it went to, when, and its text with the links working. */
export default async function DemoInboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireDashboardSession(`${DEMO_INBOX_PATH}/${encodeURIComponent(id)}`);
  if (!getConfig().demo) notFound();
  const t = await getTranslations();
  const format = await getFormatter();
  const back = (
    <Link href={DEMO_INBOX_PATH} className={buttonClasses("secondary")}>
      <ArrowLeft aria-hidden="true" />
      {t("demoInbox.back")}
    </Link>
  );
  let email: DemoInboxEmail | undefined;
  try {
    email = (await listDemoInbox()).emails.find((e) => e.id === id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    if (!(error instanceof DomainError)) throw error;
    return (
      <>
        <PageHeader title={t("demoInbox.title")} actions={back} />
        <Alert variant="danger">{t("demoInbox.unavailable")}</Alert>
      </>
    );
  }
  if (!email) {
    return (
      <>
        <PageHeader title={t("demoInbox.title")} actions={back} />
        <EmptyState icon={MailQuestion} title={t("demoInbox.notFoundTitle")} description={t("demoInbox.notFound")} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={email.subject} actions={back} />
      <Card>
        <dl className="grid gap-x-4 gap-y-1.5 border-b border-slate-100 px-5 py-4 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
          <dt className="text-slate-600">{t("demoInbox.from")}</dt>
          <dd className="break-words text-slate-900">{email.from}</dd>
          <dt className="text-slate-600">{t("demoInbox.to")}</dt>
          <dd className="break-words text-slate-900">{email.to.join(", ")}</dd>
          <dt className="text-slate-600">{t("demoInbox.received")}</dt>
          <dd className="text-slate-900">
            <time dateTime={email.received_at}>
              {format.dateTime(new Date(email.received_at), {
                dateStyle: "medium",
                timeStyle: "short",
                timeZone: session.organisation.timezone,
              })}
            </time>
          </dd>
        </dl>
        <div
          data-testid="demo-email-text"
          lang={email.language ?? undefined}
          className="px-5 py-5 text-sm leading-relaxed break-words whitespace-pre-wrap text-slate-800"
        >
          <LinkedText text={email.text} />
        </div>
      </Card>
    </>
  );
}
