import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { generate } from "otplib";
import { PASSWORD, uniqueEmail } from "./helpers";

/**
 * The sign-in side of account safety (decision 015) through the pages: a forgotten password reset
 * by following the link from the Demo inbox, and the two-factor step of log-in (enrolled through
 * the API with otplib making the codes), its recovery-code option, and a clinic's requirement
 * sending a member without two-factor to enrol.
 */

interface CaughtEmail {
  id: string;
  to: string[];
  subject: string;
  text: string;
}

/** Sign-up and log-in hash the password (argon2) on a shared machine: allow for busy cores. */
const HASHING = { timeout: 30_000 };

async function signUp(request: APIRequestContext, email: string, clinic: string) {
  const res = await request.post("/api/auth/signup", { data: { email, password: PASSWORD, organisation_name: clinic } });
  expect(res.status()).toBe(201);
  return res.json();
}

/** The newest caught email to `address` whose subject matches, once the job has sent it. */
async function emailTo(request: APIRequestContext, address: string, subject: RegExp): Promise<CaughtEmail> {
  let found: CaughtEmail | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get("/api/demo/inbox");
        if (res.status() !== 200) return false;
        const { emails } = (await res.json()) as { emails: CaughtEmail[] };
        found = emails.find((e) => e.to.includes(address) && subject.test(e.subject));
        return Boolean(found);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return found!;
}

async function logInThroughForm(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

async function expectAxeClean(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a forgotten password is reset by following the link from the Demo inbox, and the new one logs in", async ({ page }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("reset");
  await signUp(page.context().request, email, "Lakeside Dental");
  await page.context().clearCookies();

  // Forgot password, from the log-in page: the same answer whatever the address.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByTestId("reset-requested")).toContainText(email);

  // Log in with the old password (still good) to read the Demo inbox.
  await logInThroughForm(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/, HASHING);
  const reset = await emailTo(page.context().request, email, /Reset your Clinicall password/);
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Demo inbox", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demo inbox" })).toBeVisible();
  await page
    .getByRole("link", { name: new RegExp(`Reset your Clinicall password.*${email.replace(/[.+]/g, "\\$&")}`) })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/demo-inbox/${reset.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Reset your Clinicall password" })).toBeVisible();
  await expectAxeClean(page);

  // Follow the link: the Reset password page checks it, then takes the new password.
  await page
    .getByTestId("demo-email-text")
    .getByRole("link", { name: /\/reset-password#token=/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  const newPassword = "a fresh passphrase for the lake";
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your password is changed" })).toBeVisible(HASHING);

  // The same link again: it says it was used.
  const link = page.url();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "This link was already used" })).toBeVisible();
  expect(page.url()).toBe(link);

  // Log out; the old password no longer works, the new one does.
  expect((await page.context().request.post("/api/auth/logout")).status()).toBe(204);
  await logInThroughForm(page, email, PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "The email or password is incorrect." })).toBeVisible(HASHING);
  await page.getByLabel("Password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, HASHING);
  await expect(page.getByRole("heading", { level: 1, name: "Lakeside Dental" })).toBeVisible();
});

test("a made-up reset link says it is not valid", async ({ page }) => {
  await page.goto(`/reset-password#token=${"x".repeat(43)}`);
  await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
});

test("log-in asks for the authenticator's code, says so when it is wrong, takes a recovery code; a required clinic sends members to enrol", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  // The owner enrols through the API, as the Account page would.
  const owner = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  const email = uniqueEmail("totp");
  await signUp(owner, email, "Hillside Clinic");
  const enrol = await owner.post("/api/account/two-factor/enrol");
  expect(enrol.status()).toBe(200);
  const { secret } = (await enrol.json()) as { secret: string };
  const codeAt = (ms: number) => generate({ secret, epoch: Math.floor(ms / 1000) }) as unknown as Promise<string>;
  const confirm = await owner.post("/api/account/two-factor/confirm", { data: { code: await codeAt(Date.now()) } });
  expect(confirm.status()).toBe(200);
  const { recovery_codes: recovery } = (await confirm.json()) as { recovery_codes: string[] };

  // Password first, then the code step.
  await logInThroughForm(page, email, PASSWORD);
  await expect(page.getByRole("heading", { name: "Enter your sign-in code" })).toBeVisible(HASHING);
  await expect(page).toHaveURL(/\/login$/);
  await expectAxeClean(page);
  const next = await codeAt(Date.now() + 30_000); // a later step than the enrolment's code
  await page.getByLabel("6-digit code").fill(next === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify and log in" }).click();
  await expect(
    page.getByText("That code is not right, or it was already used. Enter the code your app shows now, or a recovery code."),
  ).toBeVisible();
  await expect(page.getByLabel("6-digit code")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("6-digit code").fill(await codeAt(Date.now() + 30_000));
  await page.getByRole("button", { name: "Verify and log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, HASHING);
  await expect(page.getByRole("heading", { level: 1, name: "Hillside Clinic" })).toBeVisible();

  // Again, with a recovery code instead.
  expect((await page.context().request.post("/api/auth/logout")).status()).toBe(204);
  await logInThroughForm(page, email, PASSWORD);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click(HASHING);
  await page.getByLabel("Recovery code").fill(recovery[0]!);
  await page.getByRole("button", { name: "Verify and log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, HASHING);

  // The owner confirms their address (to invite), requires two-factor, and invites a member.
  const verification = await emailTo(owner, email, /Confirm your Clinicall email address/);
  const verifyToken = decodeURIComponent(/#token=([^\s]+)/.exec(verification.text)![1]!);
  expect((await owner.post("/api/auth/verify-email", { data: { token: verifyToken } })).status()).toBe(200);
  expect((await owner.put("/api/organisation/two-factor", { data: { required: true } })).status()).toBe(200);
  const memberEmail = uniqueEmail("member");
  const invite = await owner.post("/api/organisation/invitations", { data: { email: memberEmail, role: "member" } });
  expect(invite.status()).toBe(201);
  const invitationToken = new URL((await invite.json()).accept_url).searchParams.get("token");
  const member = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  const joined = await member.post("/api/auth/signup", {
    data: { email: memberEmail, password: PASSWORD, invitation_token: invitationToken },
  });
  expect(joined.status()).toBe(201);

  // The member logs in and is taken to enrol; the clinic's pages send them there too.
  expect((await page.context().request.post("/api/auth/logout")).status()).toBe(204);
  await logInThroughForm(page, memberEmail, PASSWORD);
  await expect(page).toHaveURL(/\/dashboard\/account#two-factor$/, HASHING);
  await page.goto("/dashboard/calls");
  await expect(page).toHaveURL(/\/dashboard\/account#two-factor$/);
  await owner.dispose();
  await member.dispose();
});
