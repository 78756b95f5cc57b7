import { expect, test } from "@playwright/test";
import { generate } from "otplib";
import { expectOnOverview, PASSWORD, signUpThroughForm, uniqueEmail } from "./helpers";

/**
 * The Account page end to end: sign another browser out, change the password and sign in with
 * the new one, then turn on two-factor sign-in with a code computed from the key the page shows,
 * and see the ten recovery codes.
 */
const NEW_PASSWORD = "a brand new passphrase";
const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

test("the Account page signs out another session, changes the password and turns on two-factor sign-in", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000); // three sign-ins hash a password each, on a shared machine
  const email = uniqueEmail("account");
  await signUpThroughForm(page, { email, clinic: "Willow Family Clinic" });
  await expectOnOverview(page, "Willow Family Clinic");

  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();

  // Another browser signs in; this page lists it and signs it out.
  const other = await browser.newContext({ baseURL, userAgent: FIREFOX_ON_WINDOWS });
  const login = await other.request.post("/api/auth/login", {
    data: { email, password: PASSWORD },
    headers: { origin: baseURL! },
    timeout: 30_000,
  });
  expect(login.status()).toBe(200);
  expect((await other.request.get("/api/account")).status()).toBe(200);
  await page.reload();
  const sessions = page.getByRole("list", { name: "Signed-in devices" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);
  await sessions.getByRole("button", { name: "Sign out: Firefox on Windows" }).click();
  await expect(page.getByText("Signed out.", { exact: true })).toBeVisible();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await expect(sessions.getByText("Firefox on Windows")).toHaveCount(0);
  expect((await other.request.get("/api/account")).status()).toBe(401);
  await other.close();

  // Password: a wrong current one is refused in words; the right one changes it.
  const passwordForm = page.getByRole("form", { name: "Password" });
  await passwordForm.getByLabel("Current password").fill("not my password");
  await passwordForm.getByLabel("New password").fill(NEW_PASSWORD);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm.getByText("Your current password is not right.")).toBeVisible({ timeout: 20_000 });
  await passwordForm.getByLabel("Current password").fill(PASSWORD);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm.getByText("Password changed.")).toBeVisible({ timeout: 20_000 });

  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expectOnOverview(page, "Willow Family Clinic");

  // Two-factor: scan (here: read the key), confirm with the app's code, see the recovery codes once.
  await page.goto("/dashboard/account");
  const twoFactor = page.locator("div.shadow-card").filter({ has: page.getByRole("heading", { name: "Two-factor sign-in", exact: true }) });
  await expect(twoFactor.getByText("Off", { exact: true })).toBeVisible();
  await twoFactor.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(twoFactor.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = await twoFactor.getByLabel("Setup key").inputValue();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await twoFactor.getByLabel("Code from the app").fill("000000");
  await twoFactor.getByRole("button", { name: "Turn on" }).click();
  await expect(twoFactor.getByText("That code is not right.", { exact: false })).toBeVisible();
  await twoFactor.getByLabel("Code from the app").fill(await generate({ secret }));
  await twoFactor.getByRole("button", { name: "Turn on" }).click();
  const codes = twoFactor.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(codes.first()).toHaveText(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
  await expect(twoFactor.getByRole("button", { name: "Download" })).toBeVisible();
  await twoFactor.getByRole("button", { name: "I've saved them" }).click();
  await expect(twoFactor.getByText("On", { exact: true })).toBeVisible();
  await expect(twoFactor.getByText("You have 10 unused recovery codes.")).toBeVisible();

  // Shown once: after a reload only the count remains.
  await page.reload();
  await expect(page.getByText("You have 10 unused recovery codes.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);
  const account = await page.request.get("/api/account");
  expect((await account.json()).two_factor_enabled).toBe(true);
});

test("an owner requires two-factor of everyone only after turning it on for themselves", async ({ page }) => {
  await signUpThroughForm(page, { email: uniqueEmail("require"), clinic: "Birch Lane Practice" });
  await expectOnOverview(page, "Birch Lane Practice");
  await page.goto("/dashboard/settings");
  const toggle = page.getByRole("switch", { name: "Require two-factor for everyone" });
  await expect(toggle).toBeDisabled();
  await expect(toggle).not.toBeChecked();
  await page.getByRole("link", { name: "your Account page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
});
