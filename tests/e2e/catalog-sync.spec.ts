// The catalog sync screen in a real browser: ops opens
// /ops/sync, presses "sync now" for the PhoneX catalog and watches the new
// run's status and progress bar reach success live (no reload), through
// /api/events sync.progress. The stack (seeded demo from prisma/seed.ts,
// worker, PhoneX simulator) comes from global-setup.ts; base URL from
// playwright.config.ts (E2E_BASE_URL).
import { expect, test, type Page } from "@playwright/test";

const PASSWORD = process.env.DEMO_PASSWORD ?? "demo1234";
const OPS = process.env.DEMO_OPS_EMAIL ?? "ops@portal.example";
const RESELLER = process.env.DEMO_RESELLER_EMAIL ?? "buyer@worldtech.example";

declare global {
  interface Window {
    __sync?: { marker: string; statuses: string[]; progress: number[] };
  }
}

async function signIn(page: Page, email: string, next: string) {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
}

/** Records every status and progress value the given run's row shows, and marks the document (a reload would lose it). */
async function watchRun(page: Page, runId: string) {
  await page.evaluate((id) => {
    const state = { marker: `doc-${Math.random()}`, statuses: [] as string[], progress: [] as number[] };
    window.__sync = state;
    const scan = () => {
      const row = document.querySelector(`[data-testid="sync-run"][data-sync-log-id="${id}"]`);
      const status = row?.getAttribute("data-status");
      const value = Number(row?.querySelector('[data-testid="sync-progress"]')?.getAttribute("aria-valuenow") ?? NaN);
      if (status && state.statuses.at(-1) !== status) state.statuses.push(status);
      if (!Number.isNaN(value) && state.progress.at(-1) !== value) state.progress.push(value);
    };
    scan();
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, runId);
  return page.evaluate(() => window.__sync!.marker);
}

test("ops runs a PhoneX catalog sync and watches its progress reach success", async ({ page }) => {
  await signIn(page, OPS, "/ops/sync");
  await expect(page).toHaveURL(/\/ops\/sync$/);
  await expect(page.getByTestId("nav-sync")).toBeVisible();
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
  const button = page.getByTestId("sync-now-phonex-catalog");
  await expect(button).toBeEnabled();

  const runs = page.locator('[data-testid="sync-run"][data-supplier="phonex"][data-kind="catalog"]');
  const before = new Set(await runs.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-sync-log-id"))));
  await button.click();
  await expect(page.getByTestId("sync-notice")).toContainText(/queued/i);

  // The new run appears at the top without a reload (the first sync.progress event refetches the list).
  await expect.poll(async () => (await runs.first().getAttribute("data-sync-log-id")) ?? "", { timeout: 30_000 }).not.toBe("");
  await expect.poll(async () => before.has(await runs.first().getAttribute("data-sync-log-id")), { timeout: 30_000 }).toBe(false);
  const runId = (await runs.first().getAttribute("data-sync-log-id"))!;
  const marker = await watchRun(page, runId);
  const run = page.locator(`[data-testid="sync-run"][data-sync-log-id="${runId}"]`);

  await expect(run).toHaveAttribute("data-status", "success", { timeout: 60_000 });
  await expect(run.getByTestId("sync-status")).toHaveText("Succeeded");
  await expect(run.getByTestId("sync-progress")).toHaveAttribute("aria-valuenow", "100");
  await expect(run.getByTestId("sync-message")).toContainText(/added/);

  const seen = await page.evaluate(() => window.__sync!);
  expect(seen.marker).toBe(marker); // same document: it was live, not reloaded
  expect(seen.statuses.at(-1)).toBe("success");
  expect(seen.statuses.every((s) => s === "running" || s === "success")).toBe(true);
  // The bar only moves forward, and ends full.
  expect(seen.progress).toEqual([...seen.progress].sort((a, b) => a - b));
  expect(seen.progress.at(-1)).toBe(100);
});

test("resellers cannot open the sync screen", async ({ page }) => {
  await signIn(page, RESELLER, "/ops/sync");
  // requireStaff sends resellers to /orders?denied=ops; the page says why and then tidies the URL.
  await expect(page).toHaveURL(/\/orders(\?|$)/);
  await expect(page.getByText("The ops board is for ops staff")).toBeVisible();
  await expect(page.getByTestId("nav-sync")).toHaveCount(0);
});
