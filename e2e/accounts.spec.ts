import { expect, test } from "@playwright/test";
import { expectOnOverview, PASSWORD, signUpThroughForm, uniqueEmail } from "./helpers";

test("signing up lands on an empty dashboard with the setup checklist", async ({ page }) => {
  const clinic = "Riverside Family Practice";
  await signUpThroughForm(page, { email: uniqueEmail("owner"), clinic });
  await expectOnOverview(page, clinic);

  const steps = page.getByRole("list", { name: "Setup steps" }).getByRole("listitem");
  await expect(steps).toHaveCount(5);
  await expect(steps.nth(0)).toContainText("Add a phone number");
  await expect(steps.nth(4)).toContainText("Connect Google Calendar");
  await expect(page.getByText("0 of 5 done")).toBeVisible();
  await expect(page.getByRole("link", { name: /Add number: Add a phone number/ })).toHaveAttribute("href", "/dashboard/phone-numbers");

  // Every area of the product is in the navigation and opens an honest empty page.
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  for (const area of [
    "Overview",
    "Calls",
    "Analytics",
    "Intents",
    "Phone numbers",
    "Working hours",
    "Assistant",
    "Calendar",
    "Team",
    "Billing",
    "Settings",
  ]) {
    await expect(nav.getByRole("link", { name: area, exact: true })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Calls", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calls" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No calls yet" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Calls", exact: true })).toHaveAttribute("aria-current", "page");
});

test("sign-up shows the API's field errors and keeps the form", async ({ page }) => {
  await page.goto("/signup");
  await expect(page.getByText("At least 10 characters.")).toBeVisible();
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a valid email address, like name@clinic.com.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test("a wrong password shows the error; the right one signs in", async ({ page, request }) => {
  const email = uniqueEmail("login");
  const created = await request.post("/api/auth/signup", {
    data: { email, password: PASSWORD, organisation_name: "Harbour Dental" },
  });
  expect(created.status()).toBe(201);

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The email or password is incorrect." })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expectOnOverview(page, "Harbour Dental");
});

test("a signed-out visitor is sent to log in and brought back to the page they asked for", async ({ page, request }) => {
  const email = uniqueEmail("next");
  await request.post("/api/auth/signup", { data: { email, password: PASSWORD, organisation_name: "Northside Clinic" } });

  await page.goto("/dashboard/team");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard%2Fteam$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard\/team$/);
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
});

test("logging out ends the session", async ({ page }) => {
  await signUpThroughForm(page, { email: uniqueEmail("logout"), clinic: "Elm Street Surgery" });
  await expectOnOverview(page, "Elm Street Surgery");

  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
});

test("the landing page offers sign-up to visitors and the dashboard to signed-in people", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign up" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in" }).first()).toBeVisible();

  await signUpThroughForm(page, { email: uniqueEmail("landing"), clinic: "Meadow Clinic" });
  await expectOnOverview(page, "Meadow Clinic");
  await page.goto("/");
  await page.getByRole("link", { name: "Go to dashboard" }).first().click();
  await expectOnOverview(page, "Meadow Clinic");
});
