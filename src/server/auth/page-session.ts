import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/server/actor";
import { ACCOUNT_PATH, TWO_FACTOR_ENROL_PATH } from "@/shared/account-paths";
import { SESSION_COOKIE } from "./cookies";
import type { CurrentUser, Membership } from "./current-user";
import { getCurrentUserAndOrg } from "./current-user";

/**
 * The signed-in person for server components and pages, from the session cookie. Cached per
 * request, so a layout and its page share one lookup. Null when nobody is signed in.
 */
export const getPageSession = cache(async (): Promise<CurrentUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return getCurrentUserAndOrg(token);
});

/** The person, their current clinic, and the actor domain operations take (who acts, for which clinic). */
export type DashboardSession = CurrentUser & { organisation: Membership; actor: Actor };

/**
 * For every dashboard page: the person and their current clinic. Nobody signed in → the log-in
 * page, coming back to `path` afterwards; signed in without a clinic → "create your clinic".
 * Call it in each page (not only the layout): layouts are not re-run on client navigation.
 */
export async function requireDashboardSession(path: string): Promise<DashboardSession> {
  const current = await getPageSession();
  if (!current) redirect(`/login?next=${encodeURIComponent(path)}`);
  if (!current.organisation) redirect("/create-clinic");
  const organisation = current.organisation;
  // The clinic requires two-factor sign-in (decision 015): nothing of it is shown until the person
  // has enrolled, as withOrg refuses its API; the Account page, where they enrol, stays open.
  if (organisation.requireTwoFactor && !current.user.twoFactorEnabled && path.split(/[?#]/)[0] !== ACCOUNT_PATH) {
    redirect(TWO_FACTOR_ENROL_PATH);
  }
  return { ...current, organisation, actor: { userId: current.user.id, organisationId: organisation.id } };
}
