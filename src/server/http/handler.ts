import type { NextRequest } from "next/server";
import type { Actor } from "@/server/actor";
import { runWithRequestOrigin } from "@/server/audit/request-origin";
import { SESSION_COOKIE } from "@/server/auth/cookies";
import { type CurrentUser, getCurrentUserAndOrg, type Membership } from "@/server/auth/current-user";
import type { MemberRole } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { dashboardBusyError, dashboardWorkSlots, turnBehindCalls } from "./dashboard-work";
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
  options: { role?: MemberRole; dashboardHeavy?: boolean } = {},
): RouteHandler {
  const needed = options.role ?? "member";
  const scoped = withUser(async (ctx) => {
    const org = ctx.current.organisation;
    if (!org) {
      throw new DomainError("not_found", "You do not belong to a clinic yet. Create one or accept an invitation.");
    }
    // The clinic requires two-factor sign-in: nothing of it until the person has enrolled (the
    // Account routes use withUser, so enrolling still works).
    if (org.requireTwoFactor && !ctx.user.twoFactorEnabled) {
      throw new DomainError("forbidden", `${org.name} requires two-factor sign-in. Turn it on in your Account page to continue.`, {
        reason: "two_factor_required",
      });
    }
    if (roleRank[org.role] < roleRank[needed]) {
      throw new DomainError("forbidden", `Only ${roleNames[needed]} of ${org.name} can do this.`);
    }
    return handler({ ...ctx, org, actor: { userId: ctx.user.id, organisationId: org.id } });
  });
  if (!options.dashboardHeavy) return scoped;
  // A heavy dashboard route (it runs in a dashboard work slot) is refused before anything else
  // when the slots and their queue are full (dashboard-work.ts).
  // Decided when the request arrived: a slot freed while the envelope is written changes nothing.
  const refused = wrap(async () => {
    throw dashboardBusyError();
  });
  return async (req, context) => {
    if (dashboardWorkSlots().full) return refused(req, context);
    // Calls first: not even the session is looked up while a call's webhook is being handled
    // (50 dashboard requests arriving together would otherwise all run their look-ups at once).
    await turnBehindCalls();
    return scoped(req, context);
  };
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
        // Postgres text cannot hold a NUL: a query parameter with one is refused here, for every route.
        if (hasNulInQuery(req.nextUrl)) {
          throw new DomainError("invalid_input", "Query parameters must not contain NUL characters.");
        }
        const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
        // The client's address and user agent for the audit log (src/server/audit/record-audit.ts).
        return await runWithRequestOrigin(req, () => run(req, params));
      } catch (error) {
        return errorResponse(error, req);
      }
    });
  };
}

/** Whether any query parameter's name or value holds a NUL (sent as %00). */
function hasNulInQuery(url: URL): boolean {
  // The URL parser percent-encodes a raw NUL, so only "%00" can decode to one.
  if (!url.search.includes("%00")) return false;
  for (const [name, value] of url.searchParams) if (name.includes("\u0000") || value.includes("\u0000")) return true;
  return false;
}

/**
 * Reads a JSON body of at most BODY_LIMITS.json (413 beyond); anything that is not JSON is a 422,
 * not a 500. A NUL character anywhere in it (Postgres text cannot hold one) is a 422, and so is
 * an unpaired surrogate (`"\ud800"` alone: not Unicode text, and jsonb refuses it).
 */
export async function readJson(req: Request): Promise<unknown> {
  const text = await readBodyText(req, BODY_LIMITS.json);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DomainError("invalid_input", "The request body must be JSON.");
  }
  // JSON text can only carry a NUL or a lone surrogate escaped (\u0000, \ud800): only then is
  // the parsed value searched (a raw invalid UTF-8 sequence was already decoded to U+FFFD).
  if (/\\u(0000|d[89a-f])/i.test(text)) {
    const problem = badCharacterIn(parsed);
    if (problem === "nul") throw new DomainError("invalid_input", "The request body must not contain NUL characters.");
    if (problem === "surrogate") {
      throw new DomainError(
        "invalid_input",
        "The request body must be valid Unicode text: it holds an unpaired surrogate (\\ud800-\\udfff).",
      );
    }
  }
  return parsed;
}

/**
 * The first character no stored text may hold, in any string or key: a NUL or an unpaired
 * surrogate. Nesting past 64 levels counts as a NUL (no API body nests so deep).
 */
function badCharacterIn(value: unknown, depth = 0): "nul" | "surrogate" | null {
  if (typeof value === "string") return value.includes("\u0000") ? "nul" : value.isWellFormed() ? null : "surrogate";
  if (value === null || typeof value !== "object") return null;
  if (depth > 64) return "nul";
  for (const [key, item] of Object.entries(value)) {
    const problem = badCharacterIn(key, depth) ?? badCharacterIn(item, depth + 1);
    if (problem) return problem;
  }
  return null;
}
