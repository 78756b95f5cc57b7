import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { VerifyEmail } from "@/components/auth/verify-email";
import { getPageSession } from "@/server/auth/page-session";
import { getConfig } from "@/server/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.verifyEmail") };
}

/**
 * The confirmation email's link, `/verify-email#token=…` (the token in the fragment, read in the
 * browser: decision 015). Whether someone is logged in decides the next step offered.
 */
export default async function VerifyEmailPage() {
  const current = await getPageSession();
  return <VerifyEmail signedIn={Boolean(current)} demo={getConfig().demo} />;
}
