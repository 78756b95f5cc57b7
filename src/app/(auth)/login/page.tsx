import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthHeading } from "@/components/auth/auth-heading";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/safe-next";
import { type SearchParams, single } from "@/lib/search-params";
import { getPageSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Log in · Clinicall" };

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(single(params.next));
  if (await getPageSession()) redirect(next);
  return (
    <>
      <AuthHeading
        title="Welcome back"
        description={
          next.startsWith("/invitations/accept")
            ? "Log in with the invited email address to accept your invitation."
            : "Log in to see your clinic's calls and settings."
        }
      />
      <LoginForm next={next} email={single(params.email)} />
    </>
  );
}
