import { readFileSync } from "node:fs";
import { type APIResponse, expect, type Page, type Response, test } from "@playwright/test";
import { navGroups } from "../src/components/dashboard/nav-items";

const englishCatalogue = JSON.parse(readFileSync("messages/en.json", "utf8")) as Record<string, unknown>;
/** The English text of a catalogue key such as "nav.overview" (the sidebar's labels are keys). */
const englishText = (key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], englishCatalogue) as string;

// The demo clinic that `npm start` seeds in demo mode (src/server/demo/demo-credentials.ts).
const DEMO = { email: "demo@clinicall.test", password: "clinicall-demo" };

/** Collects, from the first script on every document, each CSP violation the browser reports. */
async function recordPolicyViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportPolicyViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportPolicyViolation: (text: string) => void }).reportPolicyViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`,
      );
    });
  });
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

function expectSecurityHeaders(response: Response | APIResponse | null) {
  expect(response, "a response").not.toBeNull();
  const headers = response?.headers() ?? {};
  const policy = headers["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // The e2e server's public origin is http://localhost: no HSTS there.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

const dashboardPages = navGroups.flatMap((group) => group.items);

test("every dashboard page works under the Content-Security-Policy and carries the security headers", async ({ page }) => {
  test.setTimeout(300_000); // some two dozen page loads on a shared machine
  const violations = await recordPolicyViolations(page);

  // Logging in through the form needs the page's scripts: without them the form would not post JSON.
  expectSecurityHeaders(await page.goto("/login"));
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Log in" }).click();
  // Password hashing on a busy machine can take a few seconds.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });

  // A full load of each page: the document's headers, and its heading rendered.
  for (const { href } of dashboardPages) {
    expectSecurityHeaders(await page.goto(href));
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  }

  // Client-side navigation through the sidebar: only hydrated scripts can do this without a reload.
  await page.goto("/dashboard");
  await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
  const sidebar = page.getByRole("navigation", { name: "Dashboard" });
  for (const { href, label } of dashboardPages) {
    await sidebar.getByRole("link", { name: englishText(label), exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  }
  expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);

  expect(violations).toEqual([]);
});

test("API responses carry the security headers too", async ({ request }) => {
  expectSecurityHeaders(await request.get("/api/health"));
  const refused = await request.get("/api/me");
  expect(refused.status()).toBe(401);
  expectSecurityHeaders(refused);
});
