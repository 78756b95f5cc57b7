import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectOnOverview, PASSWORD, signUpThroughForm, uniqueEmail } from "./helpers";

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  return context.newPage();
}

test("an owner invites a colleague, who signs up from the link straight into the clinic and works there as a member", async ({
  browser,
}) => {
  const clinic = "Lakeside Physiotherapy";
  const ownerEmail = uniqueEmail("owner");
  const colleagueEmail = uniqueEmail("colleague");

  // The owner signs up and lands on the empty dashboard.
  const owner = await newPage(browser);
  await signUpThroughForm(owner, { email: ownerEmail, clinic });
  await expectOnOverview(owner, clinic);
  await expect(owner.getByText("0 of 5 done")).toBeVisible();

  // Team → invite the colleague as a member.
  await owner.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team" }).click();
  await expect(owner.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  const invite = owner.getByRole("form", { name: "Invite a colleague" });
  await invite.getByLabel("Email address").fill(colleagueEmail);
  await invite.getByLabel("Role").selectOption("member");
  await expect(invite.getByLabel("Role").locator("option")).toHaveText(["Member", "Admin", "Owner"]);
  await invite.getByRole("button", { name: "Create invitation" }).click();

  // The link is shown once, with the note that no email is sent; copy it.
  await expect(owner.getByText(`Invitation created for ${colleagueEmail}`)).toBeVisible();
  await expect(owner.getByText(/doesn't send invitation emails yet/)).toBeVisible();
  const acceptUrl = await owner.getByLabel("Accept link").inputValue();
  expect(acceptUrl).toMatch(/\/invitations\/accept\?token=/);
  await owner.getByRole("button", { name: "Copy link" }).click();
  await expect(owner.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(acceptUrl);
  const pendingRow = owner.getByRole("table", { name: "Invitations" }).getByRole("row").filter({ hasText: colleagueEmail });
  await expect(pendingRow).toContainText("Pending");

  // A second browser opens the link and signs up from the accept page: the account joins the clinic.
  const colleague = await newPage(browser);
  await colleague.goto(acceptUrl);
  await expect(colleague.getByRole("heading", { name: `Join ${clinic}` })).toBeVisible();
  await expect(colleague.getByText(colleagueEmail).first()).toBeVisible();
  await colleague.getByRole("link", { name: "Create an account" }).click();
  await expect(colleague).toHaveURL(/\/signup\?next=/);
  await expect(colleague.getByLabel("Work email")).toHaveValue(colleagueEmail);
  await expect(colleague.getByLabel(/clinic/i)).toHaveCount(0); // no clinic of their own to name
  await colleague.getByLabel("Password").fill(PASSWORD);
  await colleague.getByRole("button", { name: "Create account and join" }).click();

  // The colleague is in the clinic: the dashboard and the switcher show it, the team lists both.
  await expectOnOverview(colleague, clinic);
  await expect(colleague.getByTestId("org-switcher")).toContainText(clinic);
  await colleague.getByTestId("org-switcher").click();
  await expect(colleague.getByRole("menuitemcheckbox", { name: new RegExp(clinic) })).toHaveAttribute("aria-checked", "true");
  await expect(colleague.getByRole("menuitemcheckbox")).toHaveCount(1);
  await colleague.keyboard.press("Escape");

  await colleague.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team" }).click();
  const members = colleague.getByRole("table", { name: "Members" });
  await expect(members.getByRole("row").filter({ hasText: ownerEmail })).toContainText("Owner");
  await expect(members.getByRole("row").filter({ hasText: colleagueEmail })).toContainText("Member");

  // A member reaches no admin actions: no invite form, no role selects, no invitations, read-only settings.
  await expect(colleague.getByText("Only admins and owners can invite people or change roles.")).toBeVisible();
  await expect(colleague.getByRole("form", { name: "Invite a colleague" })).toHaveCount(0);
  await expect(colleague.getByRole("combobox", { name: /Role for/ })).toHaveCount(0);
  await expect(colleague.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await expect(colleague.getByRole("table", { name: "Invitations" })).toHaveCount(0);
  await colleague.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Settings" }).click();
  await expect(colleague.getByRole("textbox", { name: "Clinic name" })).toHaveAttribute("readonly", "");
  await expect(colleague.getByRole("button", { name: "Save" })).toHaveCount(0);

  // The owner sees the colleague among the members and the invitation as accepted.
  await owner.reload();
  await expect(owner.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: colleagueEmail })).toBeVisible();
  await expect(pendingRow).toContainText("Accepted");
  await expect(owner.getByRole("combobox", { name: `Role for ${colleagueEmail}` })).toHaveValue("member");
});

test("the last owner cannot demote themselves: the API's message is shown in place", async ({ page }) => {
  const email = uniqueEmail("solo");
  await signUpThroughForm(page, { email, clinic: "Solo Practice" });
  await expectOnOverview(page, "Solo Practice");
  await page.goto("/dashboard/team");
  await page.getByRole("combobox", { name: `Role for ${email}` }).selectOption("member");
  await expect(page.getByRole("alert").filter({ hasText: "A clinic must keep at least one owner" })).toBeVisible();
});

test("an invitation link for another address says so, and a revoked one cannot be used", async ({ browser }) => {
  const owner = await newPage(browser);
  const ownerEmail = uniqueEmail("revoker");
  await signUpThroughForm(owner, { email: ownerEmail, clinic: "Birch Clinic" });
  await expectOnOverview(owner, "Birch Clinic");
  await owner.goto("/dashboard/team");
  const invitee = uniqueEmail("invitee");
  const invite = owner.getByRole("form", { name: "Invite a colleague" });
  await invite.getByLabel("Email address").fill(invitee);
  await invite.getByRole("button", { name: "Create invitation" }).click();
  const acceptUrl = await owner.getByLabel("Accept link").inputValue();

  // The owner opening the link is signed in as someone else.
  await owner.goto(acceptUrl);
  await expect(owner.getByText("This invitation is for another address")).toBeVisible();
  await expect(owner.getByRole("button", { name: /Accept and join/ })).toHaveCount(0);

  // Revoked: the link then says it can't be used.
  await owner.goto("/dashboard/team");
  await owner.getByRole("button", { name: `Revoke invitation for ${invitee}` }).click();
  await owner.getByRole("alertdialog").getByRole("button", { name: "Revoke invitation" }).click();
  await expect(owner.getByRole("table", { name: "Invitations" }).getByRole("row").filter({ hasText: invitee })).toContainText("Revoked");

  const visitor = await newPage(browser);
  await visitor.goto(acceptUrl);
  await expect(visitor.getByText("This invitation can't be used")).toBeVisible();
  await expect(visitor.getByText("The clinic withdrew it.")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Create an account" })).toHaveCount(0);
});
