import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/safe-next";
import { type SearchParams, single } from "@/lib/search-params";
import { getPageSession } from "@/server/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.login") };
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(single(params.next));
  if (await getPageSession()) redirect(next);
  const t = await getTranslations();
  return (
    <>
      <AuthHeading
        title={t("auth.login.title")}
        description={next.startsWith("/invitations/accept") ? t("auth.login.descriptionInvitation") : t("auth.login.description")}
      />
      <LoginForm next={next} email={single(params.email)} />
    </>
  );
}
