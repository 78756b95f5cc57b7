import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { expectOnOverview, signUpThroughForm, uniqueEmail } from "./helpers";

/**
 * Billing in demo mode (the app talks to the Stripe emulator): a new owner subscribes through the
 * emulator's Checkout page and, back on the Billing page, sees the plan and its first invoice. Then
 * the owner cancels in the Customer Portal: every dashboard page shows the "calls are not being
 * answered" banner with the Subscribe button.
 */

async function axeProblems(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("an owner subscribes through Checkout, sees the plan and its invoice, then a canceled plan puts a banner on every page", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUpThroughForm(page, { email: uniqueEmail("billing"), clinic: "Birch Dental" });
  await expectOnOverview(page, "Birch Dental");

  await page.goto("/dashboard/billing");
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByTestId("billing-status")).toHaveText("Free trial");
  await expect(page.getByTestId("billing-trial")).toContainText("14 days left");
  await expect(page.getByText("No invoices yet")).toBeVisible();
  await expect(page.getByTestId("billing-banner")).toHaveCount(0);

  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Subscribe" })).toBeVisible();
  await expect(page.getByText("14-day free trial")).toBeVisible();
  await page.getByRole("button", { name: "Pay with test card 4242" }).click();

  await expect(page).toHaveURL(/\/dashboard\/billing\?checkout=success/, { timeout: 20_000 });
  await expect(page.getByTestId("billing-status")).toHaveText("Trial plan (card on file)", { timeout: 20_000 });
  await expect(page.getByTestId("billing-plan-status")).toHaveText("Trial");
  await expect(page.getByText("Monthly plan with 500 call minutes included each month")).toBeVisible();
  await expect(page.getByText("Next renewal")).toBeVisible();
  const invoices = page.getByRole("table", { name: "Invoices" });
  await expect(invoices.getByRole("row")).toHaveCount(2, { timeout: 20_000 }); // the header and the trial's zero invoice
  await expect(invoices.getByRole("link", { name: /^View invoice / })).toHaveAttribute("href", /\/invoices\/in_/);
  await expect(page.getByRole("button", { name: "Manage billing" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Update card" })).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);

  // Cancel now in the Customer Portal, and come back.
  await page.getByRole("button", { name: "Manage billing" }).click();
  await expect(page.getByRole("heading", { name: "Manage billing" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel immediately" }).click();
  await expect(page.getByText(/: canceled/)).toBeVisible();
  await page.getByRole("link", { name: /^Return to / }).click();
  await expect(page).toHaveURL(/\/dashboard\/billing\?portal=returned/, { timeout: 20_000 });
  await expect(page.getByTestId("billing-status")).toHaveText("Your plan is canceled: calls are no longer answered", { timeout: 20_000 });
  const banner = page.getByTestId("billing-banner");
  await expect(banner).toContainText("Calls are not being answered");
  await expect(banner.getByRole("button", { name: "Subscribe" })).toBeVisible();

  // On another page too, at a phone's width, accessible.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/dashboard/calls");
  await expect(page.getByTestId("billing-banner")).toContainText("Calls are not being answered", { timeout: 20_000 });
  await expect(page.getByTestId("billing-banner").getByRole("link", { name: "Open billing" })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(width).toBeLessThanOrEqual(1);
  expect(await axeProblems(page)).toEqual([]);
});
