import { describe, expect, it } from "vitest";
import * as completeRoute from "@/app/api/auth/complete-signup/route";
import * as signupRoute from "@/app/api/auth/signup/route";
import * as organisationRoute from "@/app/api/organisation/route";
import * as numbersRoute from "@/app/api/phone-numbers/route";
import * as hoursRoute from "@/app/api/working-hours/route";
import { guessTimeZone } from "@/server/organisations/guess-time-zone";
import { PASSWORD, uniqueEmail } from "../helpers/accounts";
import { ApiClient, useTestApp } from "../helpers/api";
import { ruNumber, ukNumber, usNumber } from "../helpers/phone-numbers";

useTestApp();

async function signUp(timezone?: unknown) {
  const client = new ApiClient();
  const body: Record<string, unknown> = { email: uniqueEmail("tz"), password: PASSWORD, organisation_name: "Zone Clinic" };
  if (timezone !== undefined) body.timezone = timezone;
  const res = await client.post(signupRoute.POST, "/api/auth/signup", body);
  expect(res.status).toBe(201);
  return client;
}

const clinic = async (client: ApiClient) => (await client.get(organisationRoute.GET, "/api/organisation")).body;
const addNumber = (client: ApiClient, e164: string) =>
  client.post(numbersRoute.POST, "/api/phone-numbers", { phone_number: e164 }).then((res) => expect(res.status).toBe(201));

describe("a new clinic's time zone", () => {
  it("starts as the browser's zone, unconfirmed; an unknown or missing zone means UTC and never fails the sign-up", async () => {
    expect(await clinic(await signUp("Asia/Novosibirsk"))).toMatchObject({ timezone: "Asia/Novosibirsk", timezone_confirmed: false });
    expect(await clinic(await signUp("Mars/Olympus_Mons"))).toMatchObject({ timezone: "UTC", timezone_confirmed: false });
    expect(await clinic(await signUp("x".repeat(5000)))).toMatchObject({ timezone: "UTC" });
    expect(await clinic(await signUp(42))).toMatchObject({ timezone: "UTC" });
    expect(await clinic(await signUp())).toMatchObject({ timezone: "UTC" });
  });

  it("follows the first phone number's country, keeping the browser's zone when it lies in that country", async () => {
    const abroad = await signUp("America/New_York");
    await addNumber(abroad, ukNumber().e164);
    expect(await clinic(abroad)).toMatchObject({ timezone: "Europe/London", timezone_confirmed: false });

    const siberia = await signUp("Asia/Novosibirsk");
    await addNumber(siberia, ruNumber().e164);
    expect((await clinic(siberia)).timezone).toBe("Asia/Novosibirsk");

    const utc = await signUp();
    await addNumber(utc, ruNumber().e164);
    expect((await clinic(utc)).timezone).toBe("Europe/Moscow");
  });

  it("is not changed by a second number, nor by any number once confirmed", async () => {
    const client = await signUp("Europe/London");
    await addNumber(client, ukNumber().e164);
    await addNumber(client, usNumber().e164);
    expect((await clinic(client)).timezone).toBe("Europe/London");

    const confirmed = await signUp("Europe/London");
    const res = await confirmed.patch(organisationRoute.PATCH, "/api/organisation", { timezone: "Europe/London" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timezone: "Europe/London", timezone_confirmed: true });
    await addNumber(confirmed, usNumber().e164);
    expect((await clinic(confirmed)).timezone).toBe("Europe/London");
  });

  it("is confirmed by choosing one (PATCH /api/organisation) or by saving the working hours; a bad zone is a 422", async () => {
    const client = await signUp("Europe/London");
    const bad = await client.patch(organisationRoute.PATCH, "/api/organisation", { timezone: "Europe/Nowhere" });
    expect(bad.status).toBe(422);
    const chosen = await client.patch(organisationRoute.PATCH, "/api/organisation", { timezone: "asia/tokyo" });
    expect(chosen.body).toMatchObject({ timezone: "Asia/Tokyo", timezone_confirmed: true });

    const other = await signUp("Europe/London");
    const week = [{ day_of_week: 1, ranges: [{ opens_at: "09:00", closes_at: "17:00" }] }];
    const saved = await other.put(hoursRoute.PUT, "/api/working-hours", { timezone: "Europe/Paris", days: week, exceptions: [] });
    expect(saved.status).toBe(200);
    expect(await clinic(other)).toMatchObject({ timezone: "Europe/Paris", timezone_confirmed: true });
  });

  it("is the browser's for a clinic created by someone already signed in", async () => {
    const client = await signUp("Europe/London");
    const res = await client.post(completeRoute.POST, "/api/auth/complete-signup", {
      organisation_name: "Second",
      additional: true,
      timezone: "America/Chicago",
    });
    expect(res.status).toBe(201);
    expect(await clinic(client)).toMatchObject({ name: "Second", timezone: "America/Chicago", timezone_confirmed: false });
  });
});

describe("guessTimeZone", () => {
  it.each([
    [{ country: "US", browserZone: "America/Denver" }, "America/Denver"],
    [{ country: "US", browserZone: "Europe/London" }, "America/New_York"],
    [{ country: "RU", browserZone: null }, "Europe/Moscow"],
    [{ country: "AU" }, "Australia/Sydney"],
    [{ country: null, browserZone: "Europe/Paris" }, "Europe/Paris"],
    // ICU's names are the app's: Kolkata is Asia/Calcutta there, Kyiv Europe/Kiev.
    [
      { country: "IN", browserZone: "Asia/Kolkata" },
      new Intl.DateTimeFormat("en", { timeZone: "Asia/Kolkata" }).resolvedOptions().timeZone,
    ],
    [{ country: "UA", browserZone: "Europe/Kiev" }, new Intl.DateTimeFormat("en", { timeZone: "Europe/Kyiv" }).resolvedOptions().timeZone],
    [{ country: "ZZ", browserZone: "nonsense" }, "UTC"],
    [{}, "UTC"],
  ])("%o → %s", (input, expected) => {
    expect(guessTimeZone(input)).toBe(expected);
  });
});
