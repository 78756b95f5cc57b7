import { expect, test } from "@playwright/test";

test("the landing page says what Clinicall is, and the health check answers", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("receptionist");
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: "pglite" });
});
