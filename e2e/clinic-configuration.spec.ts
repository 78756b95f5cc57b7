import { type APIRequestContext, expect, test } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "./helpers";

/** A signed-in owner of a new clinic, through the API, on `request`'s cookie jar. */
async function signUpOwnerByApi(request: APIRequestContext, clinic: string) {
  const res = await request.post("/api/auth/signup", {
    data: { email: uniqueEmail("cfg-owner"), password: PASSWORD, organisation_name: clinic },
  });
  expect(res.status()).toBe(201);
}

/** The owner (on `ownerRequest`) invites someone with `role`; they sign up and accept on `request`. */
async function joinAs(ownerRequest: APIRequestContext, request: APIRequestContext, role: "admin" | "member") {
  const email = uniqueEmail(`cfg-${role}`);
  const invite = await ownerRequest.post("/api/organisation/invitations", { data: { email, role } });
  expect(invite.status()).toBe(201);
  const token = new URL((await invite.json()).accept_url).searchParams.get("token");
  expect(
    (await request.post("/api/auth/signup", { data: { email, password: PASSWORD, organisation_name: `${role} own clinic` } })).status(),
  ).toBe(201);
  expect((await request.post("/api/invitations/accept", { data: { token } })).status()).toBe(200);
}

test("an admin creates an intent with a Russian answer and sees it listed", async ({ page, browser }) => {
  const ownerContext = await browser.newContext();
  await signUpOwnerByApi(ownerContext.request, "Nevsky Family Clinic");
  await joinAs(ownerContext.request, page.request, "admin");

  await page.goto("/dashboard/intents");
  await expect(page.getByRole("heading", { level: 1, name: "Intents" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No intents yet" })).toBeVisible();
  await page.getByRole("button", { name: "New intent" }).click();

  const editor = page.getByRole("form", { name: "New intent" });
  await editor.getByLabel("Name").fill("Стоимость приёма");
  const phrase = editor.getByLabel("New example phrase");
  await phrase.fill("Сколько стоит приём?");
  await phrase.press("Enter");
  await phrase.fill("How much is a visit?");
  await editor.getByRole("button", { name: "Add", exact: true }).click();
  await expect(editor.getByRole("list", { name: "Example phrases" }).getByRole("listitem")).toHaveCount(2);

  // Checked as they type: no answer in either language yet.
  await editor.getByRole("button", { name: "Create intent" }).click();
  await expect(editor.getByText("Write the answer in English, Russian or both.")).toBeVisible();

  await editor.getByLabel("Answer in Russian").fill("Первичный приём стоит 3 000 рублей.");
  await expect(editor.getByText("Write the answer in English, Russian or both.")).toBeHidden();
  await editor.getByLabel("Then").selectOption("book_appointment");
  await editor.getByRole("button", { name: "Create intent" }).click();

  const list = page.getByRole("list", { name: "Intents" });
  const row = list.getByRole("listitem").filter({ hasText: "Стоимость приёма" });
  await expect(row).toBeVisible();
  await expect(row).toContainText("RU");
  await expect(row).not.toContainText("EN");
  await expect(row).toContainText("Book an appointment");
  await expect(row).toContainText("Active");

  // Stored as typed, and still there after a reload.
  const stored = await (await page.request.get("/api/intents")).json();
  expect(stored).toMatchObject([
    { name: "Стоимость приёма", response_ru: "Первичный приём стоит 3 000 рублей.", response_en: null, action: "book_appointment" },
  ]);
  await page.reload();
  await expect(page.getByRole("list", { name: "Intents" }).getByRole("listitem").filter({ hasText: "Стоимость приёма" })).toBeVisible();

  // The API's own errors land on the field: the same name in another case is refused.
  await page.getByRole("button", { name: "New intent" }).click();
  const second = page.getByRole("form", { name: "New intent" });
  await second.getByLabel("Name").fill("СТОИМОСТЬ ПРИЁМА");
  await second.getByLabel("New example phrase").fill("Цена");
  await second.getByLabel("New example phrase").press("Enter");
  await second.getByLabel("Answer in English").fill("A first visit is 3,000 roubles.");
  await second.getByRole("button", { name: "Create intent" }).click();
  await expect(second.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(second.getByText(/Another intent already has this name/)).toBeVisible();
  await ownerContext.close();
});

test("a member sees the receptionist's setup read-only and cannot change it", async ({ page, browser }) => {
  const ownerContext = await browser.newContext();
  const owner = ownerContext.request;
  await signUpOwnerByApi(owner, "Harbour Dental");
  const created = await owner.post("/api/intents", {
    data: {
      name: "Opening hours",
      example_phrases: ["When are you open?"],
      response_en: "Weekdays 9 to 5.",
      response_ru: "По будням с 9 до 17.",
    },
  });
  expect(created.status()).toBe(201);
  await joinAs(owner, page.request, "member");

  await page.goto("/dashboard/intents");
  await expect(page.getByText(/you can see what the receptionist knows but not change it/)).toBeVisible();
  const row = page.getByRole("list", { name: "Intents" }).getByRole("listitem").filter({ hasText: "Opening hours" });
  await expect(row).toBeVisible();
  await expect(page.getByRole("button", { name: "New intent" })).toHaveCount(0);
  await expect(row.getByRole("button", { name: /Move .* up/ })).toHaveCount(0);
  await expect(row.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  await row.getByRole("button", { name: "View" }).click();
  const viewer = page.getByRole("form", { name: "Intent" });
  await expect(viewer.getByLabel("Name")).toHaveValue("Opening hours");
  await expect(viewer.getByLabel("Name")).toHaveAttribute("readonly", "");
  await expect(viewer.getByLabel("Answer in Russian")).toHaveAttribute("readonly", "");
  await expect(viewer.getByRole("button", { name: /Save|Create/ })).toHaveCount(0);

  // The other setup pages: view-only notice, no save or add controls.
  await page.goto("/dashboard/phone-numbers");
  await expect(page.getByRole("heading", { name: "No phone numbers yet" })).toBeVisible();
  await expect(page.getByText("View only")).toBeVisible();
  await expect(page.getByRole("form", { name: "Add a phone number" })).toHaveCount(0);

  await page.goto("/dashboard/working-hours");
  await expect(page.getByText("View only")).toBeVisible();
  await expect(page.getByTestId("open-now")).toBeVisible();
  await expect(page.getByLabel("Monday, range 1, opens at")).toHaveAttribute("readonly", "");
  await expect(page.getByRole("button", { name: "Save hours" })).toHaveCount(0);

  await page.goto("/dashboard/assistant");
  await expect(page.getByText("View only")).toBeVisible();
  await expect(page.getByRole("list", { name: "Voices" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Use / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);

  // And the API refuses a member's write even if they try it by hand.
  const attempt = await page.request.post("/api/intents", { data: { name: "Sneaky", example_phrases: ["x"], response_en: "y" } });
  expect(attempt.status()).toBe(403);
  await ownerContext.close();
});

test("an owner adds a number in national format, sets hours and picks a voice", async ({ page }) => {
  await signUpOwnerByApi(page.request, "Kensington Clinic");
  const digits = String(Math.floor(Math.random() * 1000)).padStart(4, "0");

  await page.goto("/dashboard/phone-numbers");
  await expect(page.getByRole("heading", { name: "No phone numbers yet" })).toBeVisible();
  const add = page.getByRole("form", { name: "Add a phone number" });
  await add.getByLabel("Country").selectOption("GB");
  await add.getByLabel("Phone number", { exact: true }).fill("12345");
  await expect(add.getByText("This isn't a valid United Kingdom phone number.", { exact: false })).toBeVisible();
  await add.getByLabel("Phone number", { exact: true }).fill(`020 7946 ${digits}`);
  await expect(add.getByText(`Will be saved as +44 20 7946 ${digits} (+44207946${digits}).`)).toBeVisible();
  await add.getByLabel("Label").fill("Main line");
  await add.getByRole("button", { name: "Add number" }).click();
  const numbers = page.getByRole("table", { name: "Phone numbers" });
  await expect(numbers.getByRole("row").filter({ hasText: `+44 20 7946 ${digits}` })).toContainText("Main line");

  await page.goto("/dashboard/working-hours");
  await expect(page.getByTestId("open-now")).toContainText(/Open now|Closed now/);
  await page.getByLabel("Clinic timezone").selectOption("Europe/London");
  await page.getByLabel("Saturday", { exact: true }).getByRole("button", { name: "Add hours on Saturday" }).click();
  await page.getByLabel("Saturday, range 1, closes at").fill("09:00");
  await page.getByLabel("Saturday, range 1, opens at").fill("10:00");
  await expect(page.getByText("must be later than the opening time (use 24:00 for midnight)")).toBeVisible();
  await page.getByLabel("Saturday, range 1, closes at").fill("13:00");
  await page.getByRole("button", { name: "Save hours" }).click();
  await expect(page.getByText("Saved. The receptionist uses these hours from the next call.")).toBeVisible();
  const hours = await (await page.request.get("/api/working-hours")).json();
  expect(hours.timezone).toBe("Europe/London");
  expect(hours.days[6]).toEqual({ day_of_week: 6, ranges: [{ opens_at: "10:00", closes_at: "13:00" }] });

  await page.goto("/dashboard/assistant");
  await expect(page.getByText("No voice chosen yet")).toBeVisible();
  await page.getByRole("button", { name: "Use Anna" }).click();
  await expect(page.getByRole("list", { name: "Voices" }).getByRole("listitem").filter({ hasText: "Anna" })).toContainText("Selected");
  expect((await (await page.request.get("/api/organisation")).json()).selected_voice_agent_id).toBe("anna-en-ru");
});
