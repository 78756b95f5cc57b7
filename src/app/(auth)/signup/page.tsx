import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthHeading } from "@/components/auth/auth-heading";
import { SignupForm } from "@/components/auth/signup-form";
import { Alert } from "@/components/ui/alert";
import { safeNextPath } from "@/lib/safe-next";
import { type SearchParams, single } from "@/lib/search-params";
import { getPageSession } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Create your account · Clinicall" };

export default async function SignupPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(single(params.next));
  if (await getPageSession()) redirect(next);
  const fromInvitation = next.startsWith("/invitations/accept");
  const invitationToken = fromInvitation ? (new URL(next, "http://x").searchParams.get("token") ?? undefined) : undefined;
  return (
    <>
      <AuthHeading
        title={fromInvitation ? "Create your account to join" : "Set up your clinic"}
        description={
          fromInvitation
            ? "Sign up with the email address the invitation was sent to; your account joins the clinic straight away."
            : "Create your account and your clinic in one step. Your receptionist is ready to configure right after."
        }
      />
      {fromInvitation && (
        <Alert variant="info" className="mb-6">
          You have an invitation waiting. Use the invited email address.
        </Alert>
      )}
      <SignupForm next={next} email={single(params.email)} invitationToken={invitationToken} />
    </>
  );
}
