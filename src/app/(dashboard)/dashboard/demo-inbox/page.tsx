import { ChevronRight, Mail, MailOpen } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { DemoInboxRefresh } from "@/components/demo/demo-inbox-refresh";
import { Alert } from "@/components/ui/alert";
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

/**
 * Demo mode only: the emails this installation sent, as the loopback mail catcher caught them
 * (GET /api/demo/inbox reads the same), newest first. Each opens with its text and working links,
 * so a newcomer can follow a password reset or an invitation without a mail account.
 */
export default async function DemoInboxPage() {
  const session = await requireDashboardSession(DEMO_INBOX_PATH);
  if (!getConfig().demo) notFound();
  const t = await getTranslations();
  const format = await getFormatter();
  const emails = await readInbox();
  return (
    <>
      <PageHeader title={t("demoInbox.title")} description={t("demoInbox.description")} actions={<DemoInboxRefresh />} />
      {emails === null ? (
        <Alert variant="danger">{t("demoInbox.unavailable")}</Alert>
      ) : emails.length === 0 ? (
        <EmptyState icon={MailOpen} title={t("demoInbox.emptyTitle")} description={t("demoInbox.emptyDescription")}>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
            <li>{t("demoInbox.emptyTryReset")}</li>
            <li>{t("demoInbox.emptyTryInvite")}</li>
          </ul>
        </EmptyState>
      ) : (
        <Card>
          <ul aria-label={t("demoInbox.listLabel")} className="divide-y divide-slate-100">
            {emails.map((email) => (
              <li key={email.id}>
                <Link
                  href={`${DEMO_INBOX_PATH}/${encodeURIComponent(email.id)}`}
                  className="flex items-center gap-3 rounded-xl px-5 py-3.5 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-500/50"
                >
                  <Mail className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-sm font-medium text-slate-900">{email.subject}</span>
                    <span className="block truncate text-[13px] text-slate-600">
                      {t("demoInbox.to")}: {email.to.join(", ")}
                    </span>
                  </span>
                  <time dateTime={email.received_at} className="shrink-0 text-[13px] text-slate-600 tabular-nums">
                    {format.dateTime(new Date(email.received_at), {
                      dateStyle: "medium",
                      timeStyle: "short",
                      timeZone: session.organisation.timezone,
                    })}
                  </time>
                  <ChevronRight className="size-4 shrink-0 text-slate-400" aria-hidden="true" />
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}

/** The caught emails, or null when the catcher does not answer (outside demo mode: 404). */
async function readInbox(): Promise<DemoInboxEmail[] | null> {
  try {
    return (await listDemoInbox()).emails;
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    if (error instanceof DomainError) return null;
    throw error;
  }
}
