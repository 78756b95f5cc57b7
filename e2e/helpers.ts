import { expect, type Page } from "@playwright/test";

/** An address no earlier run used, so tests never collide with leftover accounts. */
export function uniqueEmail(label: string): string {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  return `${label}.${stamp}@e2e.clinicall.test`;
}

export const PASSWORD = "correct horse battery";

/** Fills the sign-up form at /signup (or wherever it is open) and waits for the dashboard. */
export async function signUpThroughForm(page: Page, account: { email: string; clinic: string; fromCurrentPage?: boolean }) {
  if (!account.fromCurrentPage) await page.goto("/signup");
  const email = page.getByLabel("Work email");
  if ((await email.inputValue()) !== account.email) await email.fill(account.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel(/clinic/i).fill(account.clinic);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function expectOnOverview(page: Page, clinic: string) {
  // Sign-up and log-in hash the password (argon2): allow for a machine whose cores are busy.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1, name: clinic })).toBeVisible();
}
