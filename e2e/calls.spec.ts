import { expect, type Page, test } from "@playwright/test";

// The demo clinic that `npm start` seeds in demo mode (src/server/demo/demo-credentials.ts).
const DEMO = { email: "demo@clinicall.test", password: "clinicall-demo" };

/**
 * The id of the call in which the caller said `marker` (the call list searches transcripts). The
 * Overview's recent calls show the assistant's summary, which need not repeat the caller's words.
 */
async function callSaying(page: Page, marker: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      const found = await page.request.get(`/api/call-logs?q=${encodeURIComponent(marker)}`);
      id = found.ok() ? ((await found.json()) as { calls: { id: string }[] }).calls[0]?.id : undefined;
      return id;
    })
    .toBeTruthy();
  return id!;
}

test("a simulated call shows up on the Overview and, with its transcript and recording, on the Calls page", async ({ page }) => {
  const marker = `bicycle${Date.now().toString(36)}`;
  const words = `Hello, is there parking for a ${marker} near the clinic?`;

  const login = await page.request.post("/api/auth/login", { data: DEMO });
  expect(login.status()).toBe(200);

  // Place the call from the Overview's demo card: Twilio webhook, Vapi emulator, our webhooks.
  await page.goto("/dashboard");
  await page.getByLabel("What the caller says").fill(words);
  await page.getByRole("button", { name: "Place a test call" }).click();
  await expect(page.getByText("The call ended. What was said:")).toBeVisible({ timeout: 30_000 });

  // The Overview's recent calls now list it (the card re-renders from the server).
  const callId = await callSaying(page, marker);
  const recent = page.locator(`[data-testid="recent-call"][href$="call=${callId}"]`);
  await expect(recent).toHaveCount(1, { timeout: 15_000 });
  await expect(page.getByTestId("overview-stats")).toContainText("Calls today");

  // The Calls page finds it by a word the caller said, and its details show the conversation.
  await page.goto("/dashboard/calls");
  await expect(page.getByRole("heading", { level: 1, name: "Calls" })).toBeVisible();
  await page.getByLabel("Search calls").fill(marker);
  const rows = page.getByTestId("call-row");
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("button").click();

  const details = page.getByRole("dialog", { name: /Call from/ });
  await expect(details).toBeVisible();
  const transcript = details.getByTestId("call-transcript");
  await expect(transcript.getByText(words)).toBeVisible();
  await expect(transcript.getByText("Receptionist").first()).toBeVisible();
  await expect(details.getByText("Caller hung up.")).toBeVisible();

  // The player points at our recording route, which streams audio to this member.
  const source = await details.locator("audio").getAttribute("src");
  expect(source).toMatch(/^\/api\/call-logs\/[0-9a-f-]{36}\/recording$/);
  const audio = await page.request.get(source!);
  expect(audio.status()).toBe(200);
  expect(audio.headers()["content-type"]).toBe("audio/wav");
  expect((await audio.body()).subarray(0, 4).toString("ascii")).toBe("RIFF");

  // The address bar names the call, so a reload opens it again; Escape closes it.
  await page.reload();
  await expect(
    page
      .getByRole("dialog", { name: /Call from/ })
      .getByTestId("call-transcript")
      .getByText(words),
  ).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();

  // A search nothing matches says so, and offers to clear the filters.
  await page.getByLabel("Search calls").fill(`${marker}-nothing`);
  await expect(page.getByRole("heading", { name: "No calls match" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows.first()).toBeVisible();
});

test("the Overview links a recent call to its details, and Analytics counts it", async ({ page }) => {
  const marker = `molar${Date.now().toString(36)}`;
  expect((await page.request.post("/api/auth/login", { data: DEMO })).status()).toBe(200);
  const call = await page.request.post("/api/demo/test-call", { data: { caller_says: [`When are you open? ${marker}`] } });
  expect(call.status()).toBe(201);

  const callId = await callSaying(page, marker);
  await page.goto("/dashboard");
  await page.locator(`[data-testid="recent-call"][href$="call=${callId}"]`).click();
  await expect(page).toHaveURL(/\/dashboard\/calls\?call=[0-9a-f-]{36}$/);
  await expect(page.getByRole("dialog", { name: /Call from/ }).getByTestId("call-transcript")).toContainText(marker);

  await page.goto("/dashboard/analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Calls per day" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Busiest hours" })).toBeVisible();
  const exportLink = page.getByRole("link", { name: "Export these calls (CSV)" });
  const csv = await page.request.get((await exportLink.getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain("Date and time,Time zone,Caller,Number called");
  expect(text).toContain(callId); // the call's own row
});
