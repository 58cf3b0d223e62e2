// The supplier admin in a real browser, against the built app and the seeded
// demo data (prisma/seed.ts: PhoneX pointed at the simulator; ops, admin and
// reseller logins with password demo1234). Base URL: playwright.config.ts
// (E2E_BASE_URL, or the app it starts).
import { expect, test, type Locator, type Page } from "@playwright/test";

const PASSWORD = process.env.DEMO_PASSWORD ?? "demo1234";
const OPS = process.env.DEMO_OPS_EMAIL ?? "ops@portal.example";
const ADMIN = "admin@portal.example";
const RESELLER = process.env.DEMO_RESELLER_EMAIL ?? "buyer@worldtech.example";

async function signIn(page: Page, email: string, next = "/ops/suppliers") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
}

/**
 * The pages are server-rendered: a click that lands before React hydrates the page does nothing.
 * Click until what it opens shows (each of these clicks is harmless to repeat).
 */
async function clickUntilVisible(page: Page, testId: string, shows: Locator) {
  await expect(async () => {
    await page.getByTestId(testId).click();
    await expect(shows).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

const phonexRow = (page: Page) => page.locator('[data-testid="supplier-row"][data-slug="phonex"]');

test("ops sees PhoneX with a closed circuit and tests the connection", async ({ page }) => {
  await signIn(page, OPS);
  await expect(page).toHaveURL(/\/ops\/suppliers$/);
  const row = phonexRow(page);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("supplier-circuit")).toHaveAttribute("data-state", "closed");
  await expect(page.getByTestId("nav-suppliers")).toBeVisible();

  const result = page.getByTestId("test-result-phonex");
  await clickUntilVisible(page, "test-connection-phonex", result);
  await expect(result).toHaveAttribute("data-ok", "true");
  await expect(result).toContainText(/\d+ items? on the first page/);
  // The test call is now the supplier's last call.
  await expect(row.getByTestId("supplier-last-call")).toContainText("ok");

  // Ops look and test; changing settings is for admins.
  await expect(page.getByTestId("edit-supplier-phonex")).toHaveCount(0);
  await expect(page.getByTestId("add-supplier")).toHaveCount(0);
});

test("an admin edits the rate limit; credentials stay write-only", async ({ page }) => {
  await signIn(page, ADMIN);
  const row = phonexRow(page);
  await expect(row).toBeVisible();
  const form = page.getByTestId("supplier-form");
  await clickUntilVisible(page, "edit-supplier-phonex", form);

  // Never prefilled: the browser is told only that a key is set.
  const apiKey = form.getByLabel("API key");
  await expect(apiKey).toHaveValue("");
  await expect(apiKey).toHaveAttribute("placeholder", /set — leave empty to keep/);
  await expect(form.getByTestId("webhook-url")).toHaveText(/\/api\/webhooks\/phonex$/);

  const rate = form.getByLabel("Rate limit");
  const original = await rate.inputValue();
  const changed = original === "17" ? "18" : "17";
  await rate.fill(changed);
  await page.getByTestId("save-supplier").click();
  await expect(form).toHaveCount(0);
  await expect(row.getByTestId("supplier-rate-limit")).toHaveText(`${changed}/s`);

  // Saved for real, and the stored key survived a save that did not touch it.
  await page.reload();
  await expect(phonexRow(page).getByTestId("supplier-rate-limit")).toHaveText(`${changed}/s`);
  await clickUntilVisible(page, "test-connection-phonex", page.getByTestId("test-result-phonex"));
  await expect(page.getByTestId("test-result-phonex")).toHaveAttribute("data-ok", "true");

  // Put the seeded value back for the other browser tests.
  await page.getByTestId("edit-supplier-phonex").click();
  await page.getByTestId("supplier-form").getByLabel("Rate limit").fill(original);
  await page.getByTestId("save-supplier").click();
  await expect(phonexRow(page).getByTestId("supplier-rate-limit")).toHaveText(`${original}/s`);
});

test("a reseller is sent away from the supplier admin and refused by its API", async ({ page }) => {
  await signIn(page, RESELLER, "/orders");
  await expect(page).toHaveURL(/\/orders/);
  await page.goto("/ops/suppliers");
  await expect(page).not.toHaveURL(/\/ops\/suppliers/);
  await expect(page).toHaveURL(/\/orders/);
  await expect(page.getByTestId("supplier-row")).toHaveCount(0);
  expect((await page.request.get("/api/ops/suppliers")).status()).toBe(403);
});
