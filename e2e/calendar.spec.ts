import { expect, test } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "./helpers";

/** The next Monday-to-Friday date at least two days from now, as YYYY-MM-DD (within the page's 31 days). */
function nextWeekday(): string {
  const date = new Date(Date.now() + 2 * 24 * 3_600_000);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * An owner connects the clinic's Google Calendar (demo mode's Google emulator plays the consent
 * screen), books an appointment by hand, sees it synced, cancels it and disconnects.
 */
test("an owner connects Google Calendar, books and cancels an appointment, and disconnects", async ({ page }) => {
  const ownerEmail = uniqueEmail("calendar-owner");
  const signup = await page.request.post("/api/auth/signup", {
    data: { email: ownerEmail, password: PASSWORD, organisation_name: "Calendar Dental" },
  });
  expect(signup.status()).toBe(201);

  await page.goto("/dashboard/calendar");
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  const connection = page.getByLabel("Google Calendar connection");
  await expect(connection.getByText("Not connected")).toBeVisible();

  // Connect, then Google's consent screen (the emulator's, the account prefilled with the
  // signed-in person's address, each account its own calendar): Allow brings us back.
  await connection.getByRole("link", { name: "Connect Google Calendar" }).click();
  await expect(page.getByLabel("Google Account")).toHaveValue(ownerEmail);
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/dashboard\/calendar\?connected=1$/);
  await expect(page.getByText("Google Calendar connected")).toBeVisible();
  await expect(connection.getByText(ownerEmail, { exact: true })).toBeVisible();
  await expect(connection.getByText("Connected", { exact: true })).toBeVisible();

  // Book by hand: a day, one of its free times, what for.
  const day = nextWeekday();
  const form = page.getByRole("form", { name: "Book an appointment" });
  await form.getByLabel("Day").fill(day);
  await form.getByRole("button", { name: "Find free times" }).click();
  await form.getByRole("button", { name: "10:00", exact: true }).click();
  await form.getByLabel("What for").fill("Check-up");
  await form.getByLabel(/Patient/).fill("Ada Lovelace");
  await form.getByRole("button", { name: "Book appointment" }).click();
  await expect(form.getByText(/^Booked Check-up on /)).toBeVisible();

  const appointments = page.getByRole("table", { name: "Upcoming appointments" });
  const row = appointments.getByRole("row").filter({ hasText: "Ada Lovelace" });
  await expect(row).toContainText("10:00–10:30");
  await expect(row).toContainText("In Google Calendar");
  await expect(row).toContainText("By hand");

  // The time is no longer offered.
  await form.getByRole("button", { name: "Find free times" }).click();
  await expect(form.getByRole("button", { name: "10:00", exact: true })).toHaveCount(0);

  await row.getByRole("button", { name: /^Cancel Check-up/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel appointment" }).click();
  await expect(row).toContainText("Cancelled");
  await expect(row.getByRole("button", { name: /^Cancel/ })).toHaveCount(0);

  await connection.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(connection.getByText("Not connected")).toBeVisible();
  await expect(page.getByRole("form", { name: "Book an appointment" })).toHaveCount(0);
});

test("a member sees the calendar but cannot connect it", async ({ page, browser }) => {
  const owner = await browser.newContext();
  expect(
    (
      await owner.request.post("/api/auth/signup", {
        data: { email: uniqueEmail("cal-owner"), password: PASSWORD, organisation_name: "Member Dental" },
      })
    ).status(),
  ).toBe(201);
  const email = uniqueEmail("cal-member");
  const invite = await owner.request.post("/api/organisation/invitations", { data: { email, role: "member" } });
  const token = new URL((await invite.json()).accept_url).searchParams.get("token");
  expect(
    (await page.request.post("/api/auth/signup", { data: { email, password: PASSWORD, organisation_name: "Own clinic" } })).status(),
  ).toBe(201);
  expect((await page.request.post("/api/invitations/accept", { data: { token } })).status()).toBe(200);

  await page.goto("/dashboard/calendar");
  const connection = page.getByLabel("Google Calendar connection");
  await expect(connection.getByText("Not connected")).toBeVisible();
  await expect(connection.getByRole("link", { name: "Connect Google Calendar" })).toHaveCount(0);
  await expect(connection.getByText("An admin or owner of the clinic can connect its calendar.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Booking rules" })).toHaveCount(0);
  await owner.close();
});

test("demo mode starts with the demo clinic's calendar connected to the Google emulator", async ({ page }) => {
  const login = await page.request.post("/api/auth/login", { data: { email: "demo@clinicall.test", password: "clinicall-demo" } });
  expect(login.status()).toBe(200);
  const connection = await (await page.request.get("/api/calendar/connection")).json();
  expect(connection).toMatchObject({ status: "connected", google_account_email: "frontdesk@harbour-dental.demo" });
  await page.goto("/dashboard/calendar");
  await expect(page.getByLabel("Google Calendar connection").getByText("frontdesk@harbour-dental.demo")).toBeVisible();
});
