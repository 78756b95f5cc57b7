import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { CreateClinicForm } from "@/components/auth/create-clinic-form";
import { LogoutButton } from "@/components/auth/logout-button";
import { getPageSession } from "@/server/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("meta.createClinic") };
}

/** For a signed-in person who belongs to no clinic (e.g. after leaving their last one). */
export default async function CreateClinicPage() {
  const current = await getPageSession();
  if (!current) redirect("/login?next=%2Fcreate-clinic");
  if (current.organisation) redirect("/dashboard");
  const t = await getTranslations();
  return (
    <>
      <AuthHeading
        title={t("auth.createClinic.title")}
        description={t.rich("auth.createClinic.description", {
          email: current.user.email,
          b: (chunks) => <span className="font-medium text-slate-700">{chunks}</span>,
        })}
      />
      <CreateClinicForm />
      <div className="mt-8 border-t border-slate-200 pt-6 text-center">
        <LogoutButton variant="ghost" size="sm" />
      </div>
    </>
  );
}
