import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthHeading } from "@/components/auth/auth-heading";
import { CreateClinicForm } from "@/components/auth/create-clinic-form";
import { LogoutButton } from "@/components/auth/logout-button";
import { getPageSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Create your clinic · Clinicall" };

/** For a signed-in person who belongs to no clinic (e.g. after leaving their last one). */
export default async function CreateClinicPage() {
  const current = await getPageSession();
  if (!current) redirect("/login?next=%2Fcreate-clinic");
  if (current.organisation) redirect("/dashboard");
  return (
    <>
      <AuthHeading
        title="Create your clinic"
        description={
          <>
            You&apos;re signed in as <span className="font-medium text-slate-700">{current.user.email}</span> but don&apos;t belong to a
            clinic yet. Create one, or open an invitation link a colleague sent you.
          </>
        }
      />
      <CreateClinicForm />
      <div className="mt-8 border-t border-slate-200 pt-6 text-center">
        <LogoutButton variant="ghost" size="sm">
          Log out
        </LogoutButton>
      </div>
    </>
  );
}
