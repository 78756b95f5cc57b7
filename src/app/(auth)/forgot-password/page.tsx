import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { type SearchParams, single } from "@/lib/search-params";
import { getConfig } from "@/server/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.forgotPassword") };
}

/** "Forgot password?" from the log-in page: an address in, always the same answer out. */
export default async function ForgotPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const t = await getTranslations();
  return (
    <>
      <AuthHeading title={t("auth.forgot.title")} description={t("auth.forgot.description")} />
      <ForgotPasswordForm email={single(params.email)?.slice(0, 254)} demo={getConfig().demo} />
    </>
  );
}
