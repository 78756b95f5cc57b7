import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPkcePair } from "@/providers/google/oauth";
import { authorize, CLIENT_ID, CLIENT_SECRET, connect, type GoogleTestBed, REDIRECT_URI, startTestBed } from "./helpers";

/** The emulator's wire contract, checked with plain HTTP: what Google would answer. */
describe("Google emulator wire contract", () => {
  let bed: GoogleTestBed;
  let accessToken: string;

  beforeEach(async () => {
    bed = await startTestBed();
    accessToken = (await connect(bed)).accessToken;
  });
  afterEach(() => bed.emulator.close());

  const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token = accessToken, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set("authorization", `Bearer ${token}`);
    if (rest.body) headers.set("content-type", "application/json");
    return fetch(`${bed.emulator.urls.calendarApi}/calendar/v3${path}`, { ...rest, headers });
  };
  const form = (values: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(bed.emulator.urls.token, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(values),
    });
  const newCode = async (challenge?: string) => {
    const url = new URL(bed.emulator.urls.auth);
    url.search = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: "code",
      scope: "openid email https://www.googleapis.com/auth/calendar.events",
      state: "xyz",
      ...(challenge ? { code_challenge: challenge, code_challenge_method: "S256" } : {}),
    }).toString();
    return (await authorize(url.toString())).searchParams.get("code") ?? "";
  };
  const event = { id: "abcdef0123456789", start: { dateTime: "2026-03-09T10:00:00Z" }, end: { dateTime: "2026-03-09T10:30:00Z" } };

  it("answers a call without a token with 401 in Google's error envelope", async () => {
    const response = await api("/freeBusy", { method: "POST", token: null, body: "{}" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const body = await response.json();
    expect(body).toEqual({
      error: {
        code: 401,
        message: expect.stringMatching(/missing required authentication credential/),
        errors: [{ domain: "global", reason: "required", message: "Login Required.", location: "Authorization", locationType: "header" }],
        status: "UNAUTHENTICATED",
      },
    });
  });

  it("answers an unknown token with 401 authError Invalid Credentials", async () => {
    const response = await api("/calendars/primary/events", { token: "ya29.forged" });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.error.errors[0]).toMatchObject({ reason: "authError", message: "Invalid Credentials" });
  });

  it("stores inserted events and answers a duplicate id with 409 duplicate", async () => {
    const first = await api("/calendars/primary/events", { method: "POST", body: JSON.stringify(event) });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      kind: "calendar#event",
      id: event.id,
      status: "confirmed",
      iCalUID: `${event.id}@google.com`,
    });
    const again = await api("/calendars/primary/events", { method: "POST", body: JSON.stringify(event) });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({
      error: {
        code: 409,
        message: "The requested identifier already exists.",
        errors: [{ domain: "global", reason: "duplicate", message: "The requested identifier already exists." }],
        status: "ALREADY_EXISTS",
      },
    });
    const list = await (await api("/calendars/primary/events")).json();
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([event.id]);
  });

  it("refuses ids outside base32hex and ends before starts", async () => {
    const badId = await api("/calendars/primary/events", { method: "POST", body: JSON.stringify({ ...event, id: "has-dash" }) });
    expect(badId.status).toBe(400);
    const backwards = await api("/calendars/primary/events", {
      method: "POST",
      body: JSON.stringify({ ...event, start: event.end, end: event.start }),
    });
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).error.errors[0].reason).toBe("timeRangeEmpty");
  });

  it("deletes with 204, then answers 410 deleted; unknown ids 404 notFound", async () => {
    await api("/calendars/primary/events", { method: "POST", body: JSON.stringify(event) });
    expect((await api(`/calendars/primary/events/${event.id}`, { method: "DELETE" })).status).toBe(204);
    const gone = await api(`/calendars/primary/events/${event.id}`, { method: "DELETE" });
    expect(gone.status).toBe(410);
    expect((await gone.json()).error.errors[0].reason).toBe("deleted");
    expect((await api("/calendars/primary/events/unknown0", { method: "DELETE" })).status).toBe(404);
  });

  it("cancels through PATCH status=cancelled as well", async () => {
    await api("/calendars/primary/events", { method: "POST", body: JSON.stringify(event) });
    const patched = await api(`/calendars/primary/events/${event.id}`, { method: "PATCH", body: JSON.stringify({ status: "cancelled" }) });
    expect(await patched.json()).toMatchObject({ id: event.id, status: "cancelled", sequence: 1 });
    expect(bed.emulator.state.listEvents()).toEqual([]);
  });

  it("answers freeBusy keyed by the requested calendar id, in UTC without milliseconds", async () => {
    bed.emulator.state.addBusy("primary", { start: new Date("2026-03-09T12:00:00Z"), end: new Date("2026-03-09T13:00:00Z") });
    const response = await api("/freeBusy", {
      method: "POST",
      body: JSON.stringify({
        timeMin: "2026-03-09T00:00:00Z",
        timeMax: "2026-03-10T00:00:00Z",
        items: [{ id: "primary" }, { id: "nobody@example.com" }],
      }),
    });
    expect(await response.json()).toEqual({
      kind: "calendar#freeBusy",
      timeMin: "2026-03-09T00:00:00Z",
      timeMax: "2026-03-10T00:00:00Z",
      calendars: {
        primary: { busy: [{ start: "2026-03-09T12:00:00Z", end: "2026-03-09T13:00:00Z" }] },
        "nobody@example.com": { errors: [{ domain: "global", reason: "notFound" }], busy: [] },
      },
    });
  });

  it("injects 429 in Google's usage-limit shape", async () => {
    bed.emulator.fail("freeBusy", { status: 429 });
    const response = await api("/freeBusy", { method: "POST", body: "{}" });
    expect(response.status).toBe(429);
    expect((await response.json()).error).toMatchObject({ code: 429, errors: [{ domain: "usageLimits", reason: "rateLimitExceeded" }] });
  });

  it("accepts client_secret_basic as well as client_secret_post at the token endpoint", async () => {
    const pkce = createPkcePair();
    const code = await newCode(pkce.codeChallenge);
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
    const response = await form(
      { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: pkce.codeVerifier },
      { authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ token_type: "Bearer", expires_in: 3599, refresh_token: expect.any(String) });
  });

  it("refuses an exchange without the verifier when the code has a challenge", async () => {
    const code = await newCode(createPkcePair().codeChallenge);
    const response = await form({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid_grant", error_description: "Missing code verifier." });
  });

  it("shows an error page instead of redirecting for an unknown client or an unregistered redirect URI", async () => {
    const url = new URL(bed.emulator.urls.auth);
    url.search = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: "https://evil.example/cb",
      response_type: "code",
      scope: "openid",
    }).toString();
    const wrongRedirect = await fetch(url, { redirect: "manual" });
    expect(wrongRedirect.status).toBe(400);
    expect(wrongRedirect.headers.get("location")).toBeNull();
    url.searchParams.set("client_id", "someone-else");
    expect((await fetch(url, { redirect: "manual" })).status).toBe(401);
  });

  it("revokes a token sent in the form body, and the access token stops working", async () => {
    const response = await fetch(bed.emulator.urls.revoke, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: accessToken }),
    });
    expect(response.status).toBe(200);
    expect((await api("/calendars/primary/events")).status).toBe(401);
  });
});
