import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { SignupForm } from "@/components/auth/signup-form";
import { Alert } from "@/components/ui/alert";
import { safeNextPath } from "@/lib/safe-next";
import { type SearchParams, single } from "@/lib/search-params";
import { getPageSession } from "@/server/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.signup") };
}

export default async function SignupPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(single(params.next));
  if (await getPageSession()) redirect(next);
  const t = await getTranslations();
  const fromInvitation = next.startsWith("/invitations/accept");
  const invitationToken = fromInvitation ? (new URL(next, "http://x").searchParams.get("token") ?? undefined) : undefined;
  return (
    <>
      <AuthHeading
        title={fromInvitation ? t("auth.signup.titleInvitation") : t("auth.signup.title")}
        description={fromInvitation ? t("auth.signup.descriptionInvitation") : t("auth.signup.description")}
      />
      {fromInvitation && (
        <Alert variant="info" className="mb-6">
          {t("auth.signup.invitationWaiting")}
        </Alert>
      )}
      <SignupForm next={next} email={single(params.email)} invitationToken={invitationToken} />
    </>
  );
}
