import type { NextRequest } from "next/server";
import { getCurrentUserAndOrg, type CurrentUser, type Membership } from "@/server/auth/current-user";
import { SESSION_COOKIE } from "@/server/auth/cookies";
import type { Actor } from "@/server/actor";
import type { MemberRole } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { errorResponse } from "./error-response";
import { observeRequest } from "./observe-request";
import { isCrossOriginWrite } from "./origin";
import { BODY_LIMITS, readBodyText } from "./read-body";
import { routePattern } from "./route-pattern";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type RouteHandler = (req: NextRequest, context: RouteContext) => Promise<Response>;

export interface PublicContext {
  req: NextRequest;
  params: Record<string, string>;
  sessionToken: string | undefined;
}
export interface UserContext extends PublicContext {
  current: CurrentUser;
  user: CurrentUser["user"];
}
export interface OrgContext extends UserContext {
  org: Membership;
  /** The person acting for `org`: what asUser needs. */
  actor: Actor;
}

const roleRank: Record<MemberRole, number> = { member: 0, admin: 1, owner: 2 };
const roleNames: Record<MemberRole, string> = { member: "a member", admin: "an admin or owner", owner: "an owner" };

/** For routes anyone may call (sign-up, log-in): CSRF check and error mapping only. */
export function withPublic(handler: (ctx: PublicContext) => Promise<Response>): RouteHandler {
  return wrap(async (req, params) => handler({ req, params, sessionToken: req.cookies.get(SESSION_COOKIE)?.value }));
}

/** For routes that need a signed-in person, whether or not they belong to an organisation. */
export function withUser(handler: (ctx: UserContext) => Promise<Response>): RouteHandler {
  return wrap(async (req, params) => {
    const sessionToken = req.cookies.get(SESSION_COOKIE)?.value;
    const current = await getCurrentUserAndOrg(sessionToken);
    if (!current) throw new DomainError("unauthenticated", "Please sign in to continue.");
    return handler({ req, params, sessionToken, current, user: current.user });
  });
}

/**
 * For everything scoped to the current organisation: resolves the session and organisation
 * (getCurrentUserAndOrg), checks the role, maps errors. Handlers never repeat any of it.
 */
export function withOrg(
  handler: (ctx: OrgContext) => Promise<Response>,
  options: { role?: MemberRole } = {},
): RouteHandler {
  const needed = options.role ?? "member";
  return withUser(async (ctx) => {
    const org = ctx.current.organisation;
    if (!org) {
      throw new DomainError("not_found", "You do not belong to a clinic yet. Create one or accept an invitation.");
    }
    if (roleRank[org.role] < roleRank[needed]) {
      throw new DomainError("forbidden", `Only ${roleNames[needed]} of ${org.name} can do this.`);
    }
    return handler({ ...ctx, org, actor: { userId: ctx.user.id, organisationId: org.id } });
  });
}

function wrap(run: (req: NextRequest, params: Record<string, string>) => Promise<Response>): RouteHandler {
  return async (req, context) => {
    const raw = context?.params ? await context.params : {};
    // Request id, log context and metrics: see observe-request.ts.
    return observeRequest(req, routePattern(req.nextUrl.pathname, raw), async () => {
      try {
        if (isCrossOriginWrite(req)) {
          throw new DomainError("forbidden", "Cross-origin requests are not allowed.");
        }
        const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
        return await run(req, params);
      } catch (error) {
        return errorResponse(error, req);
      }
    });
  };
}

/** Reads a JSON body of at most BODY_LIMITS.json (413 beyond); anything that is not JSON is a 422, not a 500. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await readBodyText(req, BODY_LIMITS.json);
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("invalid_input", "The request body must be JSON.");
  }
}
