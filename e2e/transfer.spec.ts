import { expect, test } from "@playwright/test";

// The demo clinic that `npm start` seeds in demo mode (src/server/demo/demo-credentials.ts): its
// front desk and practice manager are the staff numbers; nobody answers a simulated staff phone
// unless told to, and a transfer nobody takes ends in a voicemail (its call routing).
const DEMO = { email: "demo@clinicall.test", password: "clinicall-demo" };

test("a caller asks for a person, nobody answers, they leave a voicemail, and a member marks it done", async ({ page }) => {
  test.setTimeout(180_000);
  const login = await page.request.post("/api/auth/login", { data: DEMO });
  expect(login.status()).toBe(200);

  // Open all day every day for the test (transfers are offered only while the clinic is open),
  // and put the clinic's own hours back afterwards.
  const hours = await (await page.request.get("/api/working-hours")).json();
  const allDay = {
    timezone: hours.timezone,
    days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day_of_week: day, ranges: [{ opens_at: "00:00", closes_at: "24:00" }] })),
    exceptions: [],
  };
  expect((await page.request.put("/api/working-hours", { data: allDay })).status()).toBe(200);
  try {
    // A caller from a number of its own asks for a person: the assistant puts them through, the
    // server rings the team (Twilio emulator), nobody picks up, the caller records a voicemail.
    const from = `+1555${String(Date.now()).slice(-7)}`;
    const placed = await page.request.post("/api/demo/test-call", {
      data: { caller_says: ["Hello, can I speak to a person please?"], from },
      timeout: 120_000,
    });
    expect(placed.status(), await placed.text()).toBe(201);

    await page.goto("/dashboard/messages");
    await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
    const open = page.getByRole("button", { name: `Open the message from ${from}` });
    await expect(open).toBeVisible({ timeout: 30_000 });
    const row = page.getByRole("listitem").filter({ has: open });
    await expect(row.getByText("Has a recording").or(row.getByLabel("Has a recording"))).toBeVisible();

    // The message sits beside its call, whose details show the team was rung and nobody answered.
    await open.click();
    const sheet = page.getByRole("dialog");
    await expect(sheet).toBeVisible();
    await expect(sheet.getByText("Put through to the team")).toBeVisible({ timeout: 15_000 });
    await expect(sheet.getByText("Not answered")).toBeVisible();
    await expect(sheet.getByText("The caller left a voicemail")).toBeVisible();
    await page.keyboard.press("Escape");

    // Done: it leaves the open messages and is listed under Done.
    await row.getByRole("button", { name: "Mark done" }).click();
    await expect(page.getByRole("button", { name: `Open the message from ${from}` })).toBeHidden();
    await page.getByRole("tab", { name: "Done" }).click();
    await expect(page.getByRole("button", { name: `Open the message from ${from}` })).toBeVisible();
  } finally {
    await page.request.put("/api/working-hours", {
      data: { timezone: hours.timezone, days: hours.days, exceptions: hours.exceptions.map((e: Record<string, unknown>) => e) },
    });
  }
});
