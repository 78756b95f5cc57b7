import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { navGroups } from "../src/components/dashboard/nav-items";
import { DEMO_LOGIN } from "../src/shared/demo-login";

/**
 * Every page at a phone's width (390 px) and a laptop's (1366 px): a full-page screenshot each,
 * no horizontal overflow of the page or of anything inside a card (a table that scrolls sideways
 * inside its card counts: its last column is cut off), axe-core clean (WCAG 2.1 A/AA and best
 * practice: landmarks, one main, names matching visible text), and a visible focus ring on the
 * first elements the Tab key reaches. One browser context per size, signed in once.
 */

const sizes = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "laptop", viewport: { width: 1366, height: 768 } },
] as const;

const publicPages = [
  "/",
  "/login",
  "/signup",
  "/forgot-password",
  // Without a token in the fragment: their "this link is not valid" states.
  "/reset-password",
  "/verify-email",
  "/invitations/accept?token=not-a-real-invitation-token-at-all",
  "/no-such-page",
];
// The e2e server runs in demo mode: the demo-only Demo inbox is listed too.
const dashboardPages = [
  ...navGroups.flatMap((group) => group.items.map((item) => item.href)),
  "/dashboard/demo-inbox/no-such-email",
  "/dashboard/account", // the user menu's, not the sidebar's
  "/dashboard/no-such-page",
];

/** Elements that scroll or clip sideways: the page itself, and anything inside a card. */
async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
    const nameOf = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute("aria-label") ? `[aria-label="${el.getAttribute("aria-label")}"]` : ""}.${[...el.classList].slice(0, 4).join(".")}`;
    for (const card of document.querySelectorAll(".shadow-card")) {
      for (const el of [card, ...card.querySelectorAll("*")]) {
        const style = getComputedStyle(el);
        if (style.position === "absolute" && el.clientWidth <= 1) continue; // screen-reader-only text
        if (style.textOverflow === "ellipsis") continue; // a deliberate "…" on one line
        if (style.overflowX === "visible") continue;
        if (el.scrollWidth > el.clientWidth + 1) {
          const heading = card.querySelector("h2, h3")?.textContent ?? "a card";
          problems.push(`${nameOf(el)} in "${heading}": ${el.scrollWidth}px of content in ${el.clientWidth}px`);
        }
      }
    }
    return problems;
  });
}

/** The first few elements Tab reaches each show a focus indicator (an outline or a ring). */
async function unfocusableLooking(page: Page, presses = 6): Promise<string[]> {
  const problems: string[] = [];
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    const found = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const visible = (style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
      return visible
        ? null
        : `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute("aria-label") ?? "").trim().slice(0, 40)}"`;
    });
    if (found) problems.push(`no visible focus on ${found}`);
  }
  return problems;
}

async function checkPage(page: Page, path: string, size: string, shots: string): Promise<string[]> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${shots}/${size}${path.replace(/[/?=]/g, "_")}.png`, fullPage: true });
  const problems = await horizontalOverflow(page);
  const axe = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  for (const violation of axe.violations) {
    problems.push(`axe ${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }
  problems.push(...(await unfocusableLooking(page)));
  return problems.map((problem) => `${size} ${path}: ${problem}`);
}

async function signIn(context: BrowserContext, baseURL: string) {
  const res = await context.request.post("/api/auth/login", {
    data: { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password },
    headers: { origin: baseURL },
    timeout: 30_000,
  });
  expect(res.status()).toBe(200);
}

async function placeTestCall(context: BrowserContext, baseURL: string) {
  const res = await context.request.post("/api/demo/test-call", {
    data: { caller_says: ["Hello, can I book a check-up tomorrow at 10?"] },
    headers: { origin: baseURL },
    timeout: 60_000,
  });
  expect(res.status()).toBe(201);
}

async function sweep(browser: Browser, baseURL: string, size: (typeof sizes)[number], shots: string, withCall: boolean) {
  const context = await browser.newContext({ viewport: size.viewport, baseURL });
  const page = await context.newPage();
  const problems: string[] = [];
  for (const path of publicPages) problems.push(...(await checkPage(page, path, size.name, shots)));
  await signIn(context, baseURL);
  if (withCall) await placeTestCall(context, baseURL);
  for (const path of dashboardPages) problems.push(...(await checkPage(page, path, size.name, shots)));
  await context.close();
  return problems;
}

for (const [index, size] of sizes.entries()) {
  test(`every page at ${size.name} width (${size.viewport.width} px): no overflow, axe clean, visible focus`, async ({
    browser,
    baseURL,
  }, info) => {
    test.setTimeout(480_000); // some two dozen pages, each with axe, on a shared machine
    const problems = await sweep(browser, baseURL!, size, info.outputPath("screens"), index === 0);
    expect(problems, problems.join("\n")).toEqual([]);
  });
}
