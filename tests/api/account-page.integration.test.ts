import { describe, expect, it } from "vitest";
import * as emailRoute from "@/app/api/account/email/route";
import * as accountRoute from "@/app/api/account/route";
import * as sessionsRoute from "@/app/api/account/sessions/route";
import * as loginRoute from "@/app/api/auth/login/route";
import * as meRoute from "@/app/api/me/route";
import { notificationKinds } from "@/components/account/account-types";
import { NOTIFICATION_KINDS } from "@/server/account-safety/notification-kinds";
import { PASSWORD, signUpOwner, uniqueEmail } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";

/** What the Account page reads and writes beyond decision 015's routes: the name, a pending address, device words. */
useTestApp();

describe("PATCH /api/me {full_name}", () => {
  it("saves the person's name (trimmed), shows it on GET /api/account, clears it with an empty string, and keeps the language", async () => {
    const { client } = await signUpOwner();
    expect((await client.get(accountRoute.GET, "/api/account")).body.full_name).toBeNull();

    await client.patch(meRoute.PATCH, "/api/me", { language: "ru" });
    const named = await client.patch(meRoute.PATCH, "/api/me", { full_name: "  Anna Petrova  " });
    expect(named.status).toBe(200);
    expect(named.body.user).toMatchObject({ full_name: "Anna Petrova", language: "ru" });
    expect(named.headers.get("set-cookie")).toBeNull();
    expect((await client.get(accountRoute.GET, "/api/account")).body.full_name).toBe("Anna Petrova");

    expect((await client.patch(meRoute.PATCH, "/api/me", { full_name: "" })).body.user.full_name).toBeNull();
    expect((await client.get(accountRoute.GET, "/api/account")).body.full_name).toBeNull();
    expect((await client.get(meRoute.GET, "/api/me")).body.user.language).toBe("ru");
  });

  it("refuses a name over 120 characters, with control characters, or not text, naming the field; signed out is 401", async () => {
    const { client } = await signUpOwner();
    for (const full_name of ["x".repeat(121), "Anna\nPetrova", "Anna\u0007", 42, null]) {
      const res = await client.patch(meRoute.PATCH, "/api/me", { full_name });
      expect(res.status, JSON.stringify(full_name)).toBe(422);
      expect(res.body.error.details.fields[0].path).toBe("full_name");
    }
    expect((await new ApiClient().patch(meRoute.PATCH, "/api/me", { full_name: "Anna" })).status).toBe(401);
  });
});

describe("GET /api/account for the Account page", () => {
  it("says which new address waits for its link, and nothing once none does", async () => {
    const { client } = await signUpOwner();
    expect((await client.get(accountRoute.GET, "/api/account")).body.pending_email).toBeNull();
    const newEmail = uniqueEmail("moved");
    const res = await client.post(emailRoute.POST, "/api/account/email", { new_email: newEmail, password: PASSWORD });
    expect(res.status).toBe(202);
    expect((await client.get(accountRoute.GET, "/api/account")).body.pending_email).toBe(newEmail);
  });

  it("names each session's browser and system apart, for the page to word in its language", async () => {
    const { email } = await signUpOwner();
    const phone = new ApiClient();
    await phone.call(loginRoute.POST, "POST", "/api/auth/login", {
      body: { email, password: PASSWORD },
      headers: {
        "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1",
      },
    });
    const list = await phone.get(sessionsRoute.GET, "/api/account/sessions");
    expect(list.body.sessions.find((s: { current: boolean }) => s.current)).toMatchObject({
      browser: "Safari",
      os: "iOS",
      device: "Safari on iOS",
    });
  });

  it("the page can name every notification kind the API knows", () => {
    const named: readonly string[] = notificationKinds;
    expect(NOTIFICATION_KINDS.filter((kind) => !named.includes(kind))).toEqual([]);
  });
});
