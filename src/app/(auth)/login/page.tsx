import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/safe-next";
import { type SearchParams, single } from "@/lib/search-params";
import { getPageSession } from "@/server/auth/page-session";
import { getConfig } from "@/server/config";
import { DEMO_LOGIN } from "@/shared/demo-login";

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
      {getConfig().demo && <DemoLogin />}
      <LoginForm next={next} email={single(params.email)} />
    </>
  );
}

/** Demo mode: the demo clinic's sign-in, so nobody has to look it up in the terminal or README. */
function DemoLogin() {
  const t = useTranslations();
  return (
    <section
      aria-labelledby="demo-login-title"
      className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <h2 id="demo-login-title" className="font-semibold">
        {t("demoLogin.title")}
      </h2>
      <p className="mt-1" data-testid="demo-login">
        {t.rich("demoLogin.credentials", {
          email: DEMO_LOGIN.email,
          password: DEMO_LOGIN.password,
          code: (chunks) => <code className="font-mono font-medium">{chunks}</code>,
        })}
      </p>
    </section>
  );
}
