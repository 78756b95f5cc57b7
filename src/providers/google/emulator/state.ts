import { createHash, randomBytes } from "node:crypto";

/**
 * Everything the Google emulator remembers: consents, codes, tokens, calendars, events, busy
 * time and the requests it received. Tests read it to assert outcomes and change it to set up
 * cases (a revoked grant, an expired access token, a busy afternoon).
 */

export type EmulatorEndpoint =
  | "authorize"
  | "token"
  | "revoke"
  | "freeBusy"
  | "events.insert"
  | "events.get"
  | "events.list"
  | "events.patch"
  | "events.delete";

export interface RecordedRequest {
  endpoint: EmulatorEndpoint | "unknown";
  method: string;
  path: string;
  at: Date;
}

export interface GoogleAccount {
  email: string;
  /** Google's stable account id, the id token's `sub`. */
  subject: string;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | undefined;
  scope: string;
  account: GoogleAccount;
  expiresAt: number;
  used: boolean;
  /** The grant issued for this code, revoked if the code is presented again (RFC 6749 §4.1.2). */
  grantId?: string;
}

export interface Grant {
  id: string;
  clientId: string;
  account: GoogleAccount;
  scope: string;
  refreshToken: string;
  revoked: boolean;
}

export interface AccessTokenRecord {
  token: string;
  grantId: string;
  expiresAt: number;
}

interface EventTime {
  dateTime: string;
  timeZone?: string;
}

export interface StoredEvent {
  kind: "calendar#event";
  etag: string;
  id: string;
  status: "confirmed" | "tentative" | "cancelled";
  htmlLink: string;
  created: string;
  updated: string;
  summary?: string;
  description?: string;
  creator: { email: string; self: true };
  organizer: { email: string; self: true };
  start: EventTime;
  end: EventTime;
  iCalUID: string;
  sequence: number;
  attendees?: { email: string; displayName?: string; responseStatus: string }[];
  transparency?: "opaque" | "transparent";
  reminders: { useDefault: boolean };
  eventType: "default";
  /** Not part of Google's event: which calendar holds it (already resolved from "primary"). */
  calendarId: string;
}

export interface BusyPeriod {
  start: Date;
  end: Date;
}

/** Demo mode runs for days: keep only the latest requests. */
const MAX_RECORDED_REQUESTS = 10_000;

export class GoogleEmulatorState {
  /** Requests received, oldest first (the latest 10 000), injected failures included. */
  readonly requests: RecordedRequest[] = [];
  /** The Google account that consents at the next authorize request. */
  account: GoogleAccount;
  /**
   * What the next consent screens do: grant (for `account`), deny (redirect with
   * error=access_denied), or ask: show the consent screen, where a person names the account.
   */
  consent: "grant" | "deny" | "ask" = "grant";
  /** Scopes the user leaves ticked on the consent screen; undefined grants all requested scopes. */
  grantedScopes: string[] | undefined;
  /** When set, every refresh answers invalid_grant (Google's expiry or policy revocation). */
  refreshTokensInvalid = false;

  readonly codes = new Map<string, AuthorizationCode>();
  readonly grants = new Map<string, Grant>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly calendars = new Set<string>();
  private readonly events = new Map<string, StoredEvent>();
  private readonly busy = new Map<string, BusyPeriod[]>();

  constructor(
    accountEmail: string,
    readonly now: () => number,
  ) {
    this.account = accountFor(accountEmail);
    this.calendars.add(accountEmail);
  }

  /** Switches the consenting account (its primary calendar is created). */
  setAccount(email: string): void {
    this.account = accountFor(email);
    this.calendars.add(email);
  }

  /** The account a person named on the consent screen; its primary calendar exists from then on. */
  accountNamed(email: string): GoogleAccount {
    this.calendars.add(email);
    return accountFor(email);
  }

  /** "primary" means the calendar of the account behind the request's token. */
  resolveCalendarId(calendarId: string, account: GoogleAccount): string {
    return calendarId === "primary" ? account.email : calendarId;
  }

  /** Busy time that is not an event, e.g. another booking system writing to the same calendar. */
  addBusy(calendarId: string, period: BusyPeriod): void {
    const id = calendarId === "primary" ? this.account.email : calendarId;
    this.calendars.add(id);
    this.busy.set(id, [...(this.busy.get(id) ?? []), period]);
  }

  busyPeriods(calendarId: string): BusyPeriod[] {
    const fromEvents = this.listEvents(calendarId)
      .filter((event) => event.transparency !== "transparent")
      .map((event) => ({ start: new Date(event.start.dateTime), end: new Date(event.end.dateTime) }));
    return [...(this.busy.get(calendarId) ?? []), ...fromEvents];
  }

  /** Live (not cancelled) events, or all of them with includeCancelled. "primary" is the current account. */
  listEvents(calendarId = "primary", options: { includeCancelled?: boolean } = {}): StoredEvent[] {
    const id = calendarId === "primary" ? this.account.email : calendarId;
    return [...this.events.values()].filter(
      (event) => event.calendarId === id && (options.includeCancelled || event.status !== "cancelled"),
    );
  }

  getEvent(calendarId: string, eventId: string): StoredEvent | undefined {
    return this.events.get(eventKey(calendarId, eventId));
  }

  putEvent(event: StoredEvent): void {
    this.events.set(eventKey(event.calendarId, event.id), event);
  }

  record(request: RecordedRequest): void {
    this.requests.push(request);
    if (this.requests.length > MAX_RECORDED_REQUESTS) this.requests.shift();
  }

  /** Number of requests received for one endpoint, injected failures included. */
  requestCount(endpoint: EmulatorEndpoint): number {
    return this.requests.filter((request) => request.endpoint === endpoint).length;
  }

  /** Makes every access token issued so far expired (the next API call answers 401). */
  expireAccessTokens(): void {
    for (const record of this.accessTokens.values()) record.expiresAt = this.now() - 1;
  }

  /** Revokes the grant behind a refresh or access token, as the revoke endpoint does. */
  revokeGrantOf(token: string): boolean {
    const grant = this.grantOfToken(token);
    if (!grant || grant.revoked) return false;
    grant.revoked = true;
    return true;
  }

  grantOfToken(token: string): Grant | undefined {
    const access = this.accessTokens.get(token);
    if (access) return this.grants.get(access.grantId);
    return [...this.grants.values()].find((grant) => grant.refreshToken === token);
  }
}

export function randomToken(prefix: string): string {
  return `${prefix}${randomBytes(24).toString("base64url")}`;
}

function accountFor(email: string): GoogleAccount {
  // Numeric and stable per email, like Google's account ids.
  const subject = BigInt(`0x${createHash("sha256").update(email).digest("hex").slice(0, 16)}`).toString();
  return { email, subject };
}

function eventKey(calendarId: string, eventId: string): string {
  return `${calendarId}\n${eventId}`;
}
