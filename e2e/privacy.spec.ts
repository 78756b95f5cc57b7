import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectOnOverview, signUpThroughForm, uniqueEmail } from "./helpers";

test("an owner sets the consent sentence, downloads a data export and schedules, then undoes, the clinic's erasure", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpThroughForm(page, { email: uniqueEmail("privacy"), clinic: "Birch Clinic" });
  await expectOnOverview(page, "Birch Clinic");
  await page.goto("/dashboard/settings#privacy");

  // Consent: both languages, saved.
  await expect(page.getByRole("heading", { name: "Privacy", exact: true })).toBeVisible();
  const russian = page.getByRole("textbox", { name: "Sentence in Russian" });
  await russian.fill("Звонок записывается, чтобы мы могли вам помочь.");
  await page.getByRole("combobox", { name: "Compliance mode" }).selectOption("hipaa");
  await page.getByRole("button", { name: "Save privacy settings" }).click();
  await expect(page.getByText("Saved")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Sentence in Russian" })).toHaveValue("Звонок записывается, чтобы мы могли вам помочь.");
  await expect(page.getByRole("combobox", { name: "Compliance mode" })).toHaveValue("hipaa");

  // Export: prepared by the job runner, then downloaded as a zip.
  await page.getByRole("button", { name: "Prepare an export" }).click();
  const download = page.getByRole("link", { name: "Download the export" });
  await expect(async () => {
    const check = page.getByRole("button", { name: "Check again" });
    if (await check.isVisible()) await check.click();
    await expect(download).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^clinicall-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(0, 4).toString("hex")).toBe("504b0304");

  // Erasure: the typed name unlocks it; the banner shows on every page; undo clears it.
  await page.getByRole("button", { name: "Erase clinic…" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Erase Birch Clinic?" });
  const confirm = dialog.getByRole("button", { name: "Erase in 30 days" });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox").fill("Birch Clinic");
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("This clinic is scheduled for erasure")).toBeVisible();
  await page.goto("/dashboard/calls");
  await expect(page.getByText("This clinic is scheduled for erasure")).toBeVisible();
  await expect(page.getByText("Recordings are kept in your own storage")).toBeVisible();
  await page.goto("/dashboard/settings#privacy");
  await page.getByRole("button", { name: "Undo the erasure" }).click();
  await expect(page.getByRole("button", { name: "Erase clinic…" })).toBeVisible();
  await expect(page.getByText("This clinic is scheduled for erasure")).toBeHidden();
});
