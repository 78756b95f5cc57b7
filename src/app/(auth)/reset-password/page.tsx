import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.resetPassword") };
}

/**
 * The password reset email's link, `/reset-password#token=…`: the token is in the fragment, which
 * the browser never sends to the server, so the page reads it in the browser (decision 015).
 */
export default function ResetPasswordPage() {
  return <ResetPasswordForm />;
}
