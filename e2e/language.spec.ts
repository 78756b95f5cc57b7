import { expect, test } from "@playwright/test";
import { expectOnOverview, signUpThroughForm, uniqueEmail } from "./helpers";

/**
 * A manager switches the dashboard to Russian on Settings and completes the set-up checklist in
 * it: every label below is the Russian catalogue's (messages/ru.json), so an untranslated step
 * fails here. Runs in demo mode (the Google emulator asks for consent).
 */
test("a manager switches to Russian and completes the set-up checklist in it", async ({ page }) => {
  // Five set-up steps and a sign-up's password hashing in one test: more than the default minute
  // when the machine's two cores are busy with something else.
  test.slow();
  const clinic = "Клиника на Набережной";
  await signUpThroughForm(page, { email: uniqueEmail("ru"), clinic });
  // Sign-up hashes the password (argon2): on a loaded 2-core machine it can take longer than the default 5 s.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 45_000 });
  await expectOnOverview(page, clinic);

  await page.goto("/dashboard/settings");
  await page.getByLabel("Language").selectOption("ru");
  await expect(page.getByRole("heading", { level: 1, name: "Настройки" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  await page.getByRole("navigation", { name: "Панель" }).getByRole("link", { name: "Обзор", exact: true }).click();
  await expect(page.getByText("Администратор пока не принимает звонки. Вот что нужно настроить в первую очередь.")).toBeVisible();
  const steps = page.getByRole("list", { name: "Шаги настройки" }).getByRole("listitem");
  await expect(steps).toHaveCount(5);
  await expect(page.getByText("Готово 0 из 5")).toBeVisible();

  // 1. A phone number.
  await page.getByRole("link", { name: "Добавить номер: Добавьте номер телефона" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Номера телефонов" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Номеров пока нет" })).toBeVisible();
  const add = page.getByRole("form", { name: "Добавить номер телефона" });
  await add.getByLabel("Страна").selectOption("GB");
  const digits = String(Math.floor(Math.random() * 1000)).padStart(4, "0");
  await add.getByLabel("Номер телефона", { exact: true }).fill(`020 7946 ${digits}`);
  await expect(add.getByText(`Будет сохранён как +44 20 7946 ${digits} (+44207946${digits}).`)).toBeVisible();
  await add.getByRole("button", { name: "Добавить номер" }).click();
  await expect(page.getByRole("table", { name: "Номера телефонов" }).getByRole("row").filter({ hasText: digits })).toBeVisible();

  // 2. An intent.
  await page.getByRole("navigation", { name: "Панель" }).getByRole("link", { name: "Темы", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Тем пока нет" })).toBeVisible();
  await page.getByRole("button", { name: "Новая тема" }).click();
  const editor = page.getByRole("form", { name: "Новая тема" });
  await editor.getByLabel("Название").fill("Часы работы");
  await editor.getByLabel("Новая фраза").fill("Когда вы открыты?");
  await editor.getByLabel("Новая фраза").press("Enter");
  await editor.getByLabel("Ответ на русском").fill("Мы открыты с понедельника по пятницу, с 9 до 17.");
  await editor.getByRole("button", { name: "Создать тему" }).click();
  await expect(page.getByRole("list", { name: "Темы" }).getByRole("listitem").filter({ hasText: "Часы работы" })).toContainText("Включена");

  // 3. Working hours.
  await page.getByRole("navigation", { name: "Панель" }).getByRole("link", { name: "Часы работы", exact: true }).click();
  await expect(page.getByTestId("open-now")).toContainText(/Сейчас открыто|Сейчас закрыто/);
  await page.getByRole("button", { name: "Добавить часы: Суббота" }).click();
  await page.getByLabel("Суббота, промежуток 1, закрытие").fill("13:00");
  await page.getByRole("button", { name: "Сохранить часы" }).click();
  await expect(page.getByText("Сохранено. Администратор использует эти часы со следующего звонка.")).toBeVisible();

  // 4. A voice.
  await page.getByRole("navigation", { name: "Панель" }).getByRole("link", { name: "Ассистент", exact: true }).click();
  await expect(page.getByText("Голос ещё не выбран")).toBeVisible();
  await page
    .getByRole("button", { name: /^Выбрать: / })
    .first()
    .click();
  await expect(page.getByRole("list", { name: "Голоса" }).getByText("Выбран", { exact: true })).toBeVisible();

  // 5. Google Calendar, through the emulator's consent screen (Google's page, in English).
  await page.getByRole("navigation", { name: "Панель" }).getByRole("link", { name: "Календарь", exact: true }).click();
  const connection = page.getByLabel("Подключение Google Календаря");
  await expect(connection.getByText("Не подключён", { exact: true })).toBeVisible();
  await connection.getByRole("link", { name: "Подключить Google Календарь" }).click();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/dashboard\/calendar\?connected=1$/);
  await expect(page.getByText("Google Календарь подключён")).toBeVisible();

  // Every step done: the Overview drops the checklist and says so, in Russian.
  await page.getByRole("navigation", { name: "Панель" }).getByRole("link", { name: "Обзор", exact: true }).click();
  await expect(page.getByText("Администратор настроен. Звонки и записи появляются здесь по мере поступления.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Шаги настройки" })).toHaveCount(0);

  // The choice belongs to the person: the API says so, and switching back restores English.
  expect((await (await page.request.get("/api/me")).json()).user.language).toBe("ru");
  await page.goto("/dashboard/settings");
  await page.getByLabel("Язык").selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
});

test("before sign-in the pages follow the browser's language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ru-RU" });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "С возвращением" })).toBeVisible();
  await expect(page.getByLabel("Пароль")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await page.getByLabel("Эл. почта").fill("nobody@e2e.clinicall.test");
  await page.getByLabel("Пароль").fill("wrong password here");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByText("Вы не вошли в систему, или почта и пароль не совпадают.")).toBeVisible();
  await context.close();
});
