/**
 * Who a domain operation acts for. Routes get it from withOrg (`ctx.actor`), pages from
 * requireDashboardSession; the operation opens its own transaction with it (src/server/db/access.ts).
 */

/** A signed-in person acting for one organisation (row level security in force). */
export interface Actor {
  userId: string;
  organisationId: string;
}

/**
 * No person: the assistant's tools, webhooks and background jobs act on the service path for
 * one organisation (every query still filters by it).
 */
export interface ServiceActor {
  kind: "service";
  organisationId: string;
}

export function serviceActor(organisationId: string): ServiceActor {
  return { kind: "service", organisationId };
}
