import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Logo } from "@/components/brand/logo";
import { AcceptInvitation } from "@/components/invitations/accept-invitation";
import { type SearchParams, single } from "@/lib/search-params";
import { getPageSession } from "@/server/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("invitations.accept.pageTitle") };
}

/** The link an invitation carries: preview the invitation, then sign in/up or accept it. */
export default async function AcceptInvitationPage({ searchParams }: { searchParams: SearchParams }) {
  const token = single((await searchParams).token) ?? "";
  const current = await getPageSession();
  return (
    <div className="flex min-h-screen flex-col items-center bg-slate-50 px-4 py-10">
      <header>
        <Link href="/" className="inline-flex rounded-md">
          <Logo />
        </Link>
      </header>
      <main className="mt-10 w-full max-w-md">
        <AcceptInvitation token={token} signedInEmail={current?.user.email ?? null} />
      </main>
    </div>
  );
}
