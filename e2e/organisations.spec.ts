import { expect, test } from "@playwright/test";
import { expectOnOverview, signUpThroughForm, uniqueEmail } from "./helpers";

test("an owner creates a second clinic from the switcher and switches between the two", async ({ page }) => {
  await signUpThroughForm(page, { email: uniqueEmail("multi"), clinic: "Oak Clinic" });
  await expectOnOverview(page, "Oak Clinic");

  const switcher = page.getByTestId("org-switcher");
  await switcher.click();
  await page.getByRole("menuitem", { name: "Create another clinic" }).click();
  const dialog = page.getByRole("dialog", { name: "Create another clinic" });
  await dialog.getByLabel("Clinic name").fill("Pine Clinic");
  await dialog.getByRole("button", { name: "Create clinic" }).click();
  await expect(dialog).toBeHidden();
  await expectOnOverview(page, "Pine Clinic");
  await expect(switcher).toContainText("Pine Clinic");

  await switcher.click();
  await expect(page.getByRole("menuitemcheckbox")).toHaveCount(2);
  await page.getByRole("menuitemcheckbox", { name: /Oak Clinic/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Oak Clinic" })).toBeVisible();
  await expect(switcher).toContainText("Oak Clinic");
});

test("an owner renames the clinic in settings and the dashboard follows", async ({ page }) => {
  await signUpThroughForm(page, { email: uniqueEmail("rename"), clinic: "Willow Clinic" });
  await expectOnOverview(page, "Willow Clinic");
  await page.goto("/dashboard/settings");

  const name = page.getByRole("textbox", { name: "Clinic name" });
  // The Settings page has other forms with their own Save (retention, privacy): this one is the clinic's.
  const clinicForm = page.locator("form").filter({ has: name });
  const save = clinicForm.getByRole("button", { name: "Save" });
  await expect(save).toBeDisabled();
  await name.fill("   ");
  await save.click();
  await expect(clinicForm.getByText("Enter your clinic's name.")).toBeVisible();

  await name.fill("Willow Family Clinic");
  await save.click();
  await expect(clinicForm.getByText("Saved")).toBeVisible();
  await expect(page.getByTestId("org-switcher")).toContainText("Willow Family Clinic");
});
