import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectOnOverview, PASSWORD, uniqueEmail } from "./helpers";

/**
 * Keyboard only: a new clinic manager signs up, reaches the Intents page from the navigation and
 * creates an intent, with Tab, typing and Enter alone; every control Tab stops on shows a focus
 * indicator on the way.
 */

/** Presses Tab until `target` has focus, checking each stop shows a focus ring or outline. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  const element = await target.elementHandle();
  if (!element) throw new Error("the target is not on the page");
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate((wanted) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { reached: false, unseen: null };
      const style = getComputedStyle(el);
      const seen = (style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
      return { reached: el === wanted, unseen: seen ? null : name };
    }, element);
    expect(stop.unseen, `focus is visible on every stop (${stop.unseen})`).toBeNull();
    if (stop.reached) return;
  }
  throw new Error(`Tab never reached the target in ${limit} presses`);
}

test("a manager signs up and creates an intent with the keyboard alone", async ({ page }) => {
  test.slow(); // sign-up hashes a password; a busy machine makes the many key presses slow too
  const email = uniqueEmail("keyboard");
  const clinic = "Keyboard Dental";

  await page.goto("/signup");
  await tabTo(page, page.getByLabel("Work email"));
  await page.keyboard.type(email);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(PASSWORD);
  await tabTo(page, page.getByLabel(/clinic/i));
  await page.keyboard.type(clinic);
  await page.keyboard.press("Enter");
  await expectOnOverview(page, clinic);

  await tabTo(page, page.getByRole("navigation").getByRole("link", { name: "Intents" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Intents" })).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: "New intent" }));
  await page.keyboard.press("Enter");
  const editor = page.getByRole("form", { name: "New intent" });
  await tabTo(page, editor.getByLabel("Name"));
  await page.keyboard.type("Parking");
  await tabTo(page, editor.getByLabel("New example phrase"));
  await page.keyboard.type("Where can I park?");
  await page.keyboard.press("Enter");
  await expect(editor.getByRole("list", { name: "Example phrases" }).getByRole("listitem")).toHaveCount(1);
  await tabTo(page, editor.getByLabel("Answer in English"));
  await page.keyboard.type("There is free parking behind the clinic.");
  await tabTo(page, editor.getByRole("button", { name: "Create intent" }));
  await page.keyboard.press("Enter");

  const row = page.getByRole("list", { name: "Intents" }).getByRole("listitem").filter({ hasText: "Parking" });
  await expect(row).toBeVisible();
  await expect(row).toContainText("EN");
});
