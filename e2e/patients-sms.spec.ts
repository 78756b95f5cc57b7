import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { DEMO_LOGIN } from "../src/shared/demo-login";

const run = promisify(execFile);
/** Demo mode's Messaging Service on its Twilio emulator (src/server/demo/demo-credentials.ts). */
const DEMO_MESSAGING_SERVICE = "MGde000000000000000000000000000de0";

/** The next Monday-to-Friday date at least two days from now, as YYYY-MM-DD (within the Calendar page's 31 days). */
function nextWeekday(): string {
  const date = new Date(Date.now() + 2 * 24 * 3_600_000);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

interface PatientDetail {
  id: string;
  sms: { kind: string; direction: string; status: string; body: string | null }[];
  appointments: { id: string; status: string; changed_via: string | null }[];
}

/**
 * Issue 18's browser test, on demo mode's emulators: an admin turns texts on (Assistant page),
 * a simulated caller books by phone, the confirmation shows in the patient's text history once
 * the sms.dispatch job has sent it through the Twilio emulator, the patient replies "2" from the
 * SMS simulator (`npm run simulate:sms`), and the Calendar page shows the appointment cancelled
 * by text.
 */
test("book by a call, see the confirmation text, reply 2 from the simulator, find the appointment cancelled", async ({ page }) => {
  // The job that sends texts runs once a minute, and a call is a whole conversation.
  test.setTimeout(360_000);
  const login = await page.request.post("/api/auth/login", { data: { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password } });
  expect(login.status()).toBe(200);

  // Texts on, through the Assistant page's card (demo mode's Twilio emulator has this Messaging Service).
  await page.goto("/dashboard/assistant");
  const card = page.locator("div.shadow-card").filter({ has: page.getByRole("heading", { name: "Text messages to patients" }) });
  await expect(card).toBeVisible();
  const toggle = card.getByRole("switch", { name: "Text patients about their appointments" });
  if ((await toggle.getAttribute("aria-checked")) !== "true") await toggle.click();
  await card.getByLabel("Messaging Service SID").fill(DEMO_MESSAGING_SERVICE);
  // No quiet hours (from = until), or a run at night would hold the text until the morning.
  await card.getByLabel("From", { exact: true }).fill("00:00");
  await card.getByLabel("Until", { exact: true }).fill("00:00");
  await expect(card.getByTestId("sms-preview-en")).toContainText("your appointment is booked for");
  await expect(card.getByTestId("sms-preview-ru")).toContainText("вы записаны на");
  await card.getByRole("button", { name: "Save text message settings" }).click();
  await expect(card.getByText("Text message settings saved.")).toBeVisible();

  // A patient books by phone (the demo's simulated call: Twilio webhook → Vapi emulator → tools).
  const patientNumber = `+1555${String(Date.now()).slice(-7)}`;
  const day = nextWeekday();
  const call = await page.request.post("/api/demo/test-call", {
    data: { from: patientNumber, caller_says: [`Book an appointment on ${day} at 15:00`] },
    timeout: 120_000,
  });
  expect(call.status(), await call.text()).toBe(201);

  const found = await page.request.get(`/api/patients?q=${encodeURIComponent(patientNumber.slice(1))}`);
  expect(found.status()).toBe(200);
  const patientId = ((await found.json()) as { patients: { id: string }[] }).patients[0]?.id;
  expect(patientId).toBeTruthy();
  const detail = async () => (await (await page.request.get(`/api/patients/${patientId}`)).json()) as PatientDetail;
  expect((await detail()).appointments).toHaveLength(1);

  // The confirmation is in the patient's history at once (written with the booking) and is sent
  // by the next pass of the job; the emulator's status callbacks then mark it delivered.
  await expect
    .poll(async () => (await detail()).sms.find((m) => m.kind === "confirmation")?.status, { timeout: 180_000, intervals: [2_000] })
    .toBe("delivered");
  await page.goto(`/dashboard/patients?patient=${patientId}`);
  const panel = page.getByRole("dialog");
  const texts = panel.getByRole("list", { name: "Text messages" });
  await expect(texts.getByText(/your appointment is booked for .* at 15:00\. Reply 1 to confirm or 2 to cancel\./)).toBeVisible();
  await expect(texts.getByText(/Confirmation · .* · delivered/)).toBeVisible();

  // The patient replies "2" from the SMS simulator: Twilio's signed incoming-message webhook.
  await run("npx", ["tsx", "--conditions=react-server", "scripts/simulate-sms.ts", "--from", patientNumber, "--body", "2"], {
    env: { ...process.env, DATA_DIR: ".data/e2e" },
    timeout: 120_000,
  });
  await expect.poll(async () => (await detail()).appointments[0]?.status, { timeout: 60_000 }).toBe("cancelled");

  // The Calendar page shows it cancelled, and that it was by text.
  await page.goto("/dashboard/calendar");
  const row = page
    .getByRole("table", { name: "Upcoming appointments" })
    .getByRole("row")
    .filter({ has: page.getByTestId("appointment-change").filter({ hasText: "Cancelled by text" }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("15:00–15:30");
  await expect(row).toContainText("Cancelled");

  // The patient's history now holds their reply, and the cancellation text waits for the job.
  await page.goto(`/dashboard/patients?patient=${patientId}`);
  await expect(page.getByRole("dialog").getByRole("list", { name: "Text messages" }).getByText("From the patient")).toBeVisible();
  await expect(page.getByRole("dialog").getByText(/cancelled by text on/)).toBeVisible();
});
