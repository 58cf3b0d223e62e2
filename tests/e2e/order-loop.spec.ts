// The order loop in the browser: a reseller signs in, orders
// two phones and watches the order turn `shipped` on its own screen, while an
// ops user watches it appear and advance on the board. Nothing is reloaded:
// both screens follow the order through the live event stream (/api/events).
//
// The stack (seeded data, worker, PhoneX simulator at a 1.5 s pace, mail
// catcher) comes from global-setup.ts. The two phones are PhoneX-only SKUs of
// the seed (prisma/seed.ts), so the order goes to PhoneX and moves at its pace:
// submitted → accepted → processing → shipped → delivered, ~1.5 s per step.
import { expect, test, type Browser, type Page } from "@playwright/test";

const PASSWORD = "demo1234";
const RESELLER = "buyer@worldtech.example";
const OPS = "ops@portal.example";
/** In stock at PhoneX only (see prisma/seed.ts demoCatalog). */
const PHONES = [
  { search: "Galaxy S21", sku: "GALAXYS21-128GB-A" },
  { search: "iPhone 13", sku: "IPHONE13-256GB-B" },
] as const;

declare global {
  interface Window {
    __e2e?: { marker: string; seen: Record<string, string[]> };
  }
}

async function signIn(browser: Browser, email: string, next: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => u.pathname === next);
  return page;
}

/**
 * Marks the current document (a full reload would lose the marker) and records,
 * through a MutationObserver, every status the screen shows per key, so a test
 * can assert what the user actually saw, even a state that lasted 1.5 s.
 */
async function watchStatuses(page: Page, rowSelector: string, keyAttr: string | null, statusSelector: string) {
  await page.evaluate(
    ({ rowSelector, keyAttr, statusSelector }) => {
      const state = { marker: `doc-${Math.random()}`, seen: {} as Record<string, string[]> };
      window.__e2e = state;
      const scan = () => {
        document.querySelectorAll(rowSelector).forEach((row) => {
          const key = keyAttr ? (row.getAttribute(keyAttr) ?? "") : "page";
          const el = statusSelector ? row.querySelector(statusSelector) : row;
          // the badge shows a label ("Shipped") and carries the API's word in data-status
          const badge = el?.matches("[data-status]") ? el : el?.querySelector("[data-status]");
          const status = (badge?.getAttribute("data-status") ?? el?.textContent)?.trim();
          if (!status) return;
          const list = (state.seen[key] ??= []);
          if (list[list.length - 1] !== status) list.push(status);
        });
      };
      scan();
      new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    },
    { rowSelector, keyAttr, statusSelector },
  );
  return page.evaluate(() => window.__e2e!.marker);
}

const seen = (page: Page, key: string) => page.evaluate((k) => window.__e2e?.seen[k] ?? [], key);
const marker = (page: Page) => page.evaluate(() => window.__e2e?.marker ?? "reloaded");

const ORDER_FLOW = ["pending", "submitted", "accepted", "processing", "shipped", "delivered"];
/** Statuses seen in order, never backwards (each screen may skip a short-lived one, never reorder). */
function expectForward(statuses: string[]) {
  const idx = statuses.map((s) => ORDER_FLOW.indexOf(s));
  expect(
    idx.every((i) => i >= 0),
    `only progress statuses: ${statuses.join(" → ")}`,
  ).toBe(true);
  expect(
    [...idx].sort((a, b) => a - b),
    `never backwards: ${statuses.join(" → ")}`,
  ).toEqual(idx);
}

test("a reseller orders two phones and watches the order ship, while ops see it live on the board", async ({ browser }) => {
  // Ops first, so the board is open (and live) before the order exists.
  const ops = await signIn(browser, OPS, "/ops/orders");
  await expect(ops.getByTestId("ops-orders-table")).toBeVisible();
  await expect(ops.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");
  const opsMarker = await watchStatuses(ops, '[data-testid="order-row"]', "data-order-id", '[data-testid="order-row-status"]');
  // The count before our order, from the API (the chips show 0 until the board's first answer lands),
  // and the board showing it: other tests may have placed orders already.
  const head = (await (await ops.request.get("/api/ops/orders?limit=1")).json()) as { counts: Record<string, number> };
  const allBefore = Object.values(head.counts).reduce((a, b) => a + b, 0);
  await expect(ops.getByTestId("status-count-all")).toHaveText(String(allBefore));

  // The reseller: catalog search, two different phones into the cart.
  const shop = await signIn(browser, RESELLER, "/");
  for (const phone of PHONES) {
    await shop.getByTestId("catalog-search").fill(phone.search);
    // the search applied: every row shown matches it, ours among them, in stock
    await expect(shop.locator(`[data-testid="product-row"]:not(:has-text("${phone.search}"))`)).toHaveCount(0);
    const row = shop.locator(`[data-testid="product-row"][data-sku="${phone.sku}"]`);
    await expect(row).toBeVisible();
    await expect(shop.getByTestId(`add-to-cart-${phone.sku}`)).toBeEnabled();
    await shop.getByTestId(`qty-${phone.sku}`).fill("1");
    await shop.getByTestId(`add-to-cart-${phone.sku}`).click();
    await expect(row).toContainText("1 in cart");
  }
  await expect(shop.getByTestId("cart-count")).toHaveText("2");

  await shop.getByTestId("nav-cart").click();
  await expect(shop.locator('[data-testid="cart-line"]')).toHaveCount(2);
  await shop.getByTestId("checkout-link").click();
  await expect(shop.getByTestId("checkout-form")).toBeVisible();

  const reference = `PO-E2E-${Date.now()}`;
  // Labels are matched from their start: "Phone" alone would also match the cart's "Quantity of iPhone …".
  const form = shop.getByTestId("checkout-form");
  await form.getByLabel(/^Name/).fill("Worldtech Receiving");
  await form.getByLabel(/^Company/).fill("Worldtech Mobile");
  await form.getByLabel(/^Address line 1/).fill("1200 Commerce Blvd");
  await form.getByLabel(/^City/).fill("Miami");
  await form.getByLabel(/^Region \/ state/).fill("FL");
  await form.getByLabel(/^Postal code/).fill("33166");
  await form.getByLabel(/^Country/).fill("US");
  await form.getByLabel(/^Phone/).fill("+1 305 555 0100");
  await form.getByLabel(/^Reference \(PO number\)/).fill(reference);
  await shop.getByTestId("place-order").click();

  // The order page, opened by the checkout itself; from here on no reload.
  await shop.waitForURL(/\/orders\/[^/?#]+$/);
  const orderId = decodeURIComponent(new URL(shop.url()).pathname.split("/").pop()!);
  await expect(shop.getByTestId("order-number")).toBeVisible();
  const orderNumber = (await shop.getByTestId("order-number").innerText()).trim();
  const shopMarker = await watchStatuses(shop, '[data-testid="order-status"]', null, "");
  await expect(shop.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");

  // The board shows the new order without a reload.
  const opsRow = ops.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
  await expect(opsRow).toBeVisible({ timeout: 15_000 });
  await expect(opsRow).toHaveAttribute("data-order-number", orderNumber);
  await expect(opsRow.getByTestId("order-row-company")).toHaveText("Worldtech Mobile");
  await expect(opsRow).toContainText(reference);
  await expect(ops.getByTestId("status-count-all")).toHaveText(String(allBefore + 1));

  // The reseller's screen turns shipped: PhoneX's pace is 1.5 s a step, 4 steps.
  await expect.poll(() => seen(shop, "page"), { timeout: 30_000, message: "the order page showed shipped" }).toContain("shipped");
  await expect(shop.getByTestId("order-status")).toHaveText(/^(Shipped|Delivered)$/);
  await expect(shop.getByTestId("supplier-order")).toHaveCount(1);
  await expect(shop.getByTestId("supplier-order")).toContainText(/Parcel 1/);
  await expect(shop.getByTestId("supplier-order")).not.toContainText(/phonex/i);
  await expect(shop.getByTestId("tracking")).toContainText(/1Z/);

  // And the board's row reached shipped too.
  await expect.poll(() => seen(ops, orderId), { timeout: 15_000, message: "the board showed the row shipped" }).toContain("shipped");

  // Then delivered, on both screens.
  await expect(shop.getByTestId("order-status")).toHaveText("Delivered", { timeout: 15_000 });
  await expect(shop.getByTestId("order-status")).toHaveAttribute("data-status", "delivered");
  await expect(opsRow.getByTestId("order-row-status")).toHaveText("Delivered");

  // What each screen showed went forward only, and neither page was reloaded.
  expectForward(await seen(shop, "page"));
  expectForward(await seen(ops, orderId));
  expect(await marker(shop)).toBe(shopMarker);
  expect(await marker(ops)).toBe(opsMarker);
  // The reseller's bell counted the order's events as they happened (the page was never reloaded),
  // and its panel lists them; "Mark all read" clears the count.
  await expect(shop.getByTestId("notification-count")).toBeVisible();
  await shop.getByTestId("notification-bell").click();
  const panel = shop.getByTestId("notification-panel");
  await expect(panel.locator('[data-testid="notification-item"]', { hasText: orderNumber }).filter({ hasText: /delivered/i })).toHaveCount(1, {
    timeout: 5_000,
  });
  await expect(panel).not.toContainText(/phonex/i);
  await panel.getByTestId("notifications-read-all").click();
  await expect(shop.getByTestId("notification-count")).toHaveCount(0);
  expect(await marker(shop)).toBe(shopMarker);

  const story = `${orderNumber}: reseller saw ${(await seen(shop, "page")).join(" → ")}; ops saw ${(await seen(ops, orderId)).join(" → ")}`;
  test.info().annotations.push({ type: "statuses", description: story });
  console.log(`[e2e] ${story}`);

  // The reseller was told by email too (the mail catcher global-setup.ts started).
  const mailbox = `http://127.0.0.1:${process.env.MAIL_HTTP_PORT}/api/messages`;
  const subjects = async () => {
    const messages = (await (await fetch(mailbox)).json()) as { to: string[]; subject: string }[];
    return messages.filter((m) => m.to.includes(RESELLER) && m.subject.includes(orderNumber)).map((m) => m.subject);
  };
  await expect
    .poll(subjects, { timeout: 10_000 })
    .toEqual(expect.arrayContaining([expect.stringMatching(/received/), expect.stringMatching(/shipped: UPS 1Z/), expect.stringMatching(/delivered/)]));

  await ops.context().close();
  await shop.context().close();
});

test("a reseller who opens the ops board is sent to their own orders", async ({ browser }) => {
  const page = await signIn(browser, RESELLER, "/");
  await page.goto("/ops/orders");
  // requireStaff redirects to /orders?denied=ops; the page says why (and then tidies the URL).
  await expect(page).toHaveURL(/\/orders(\?|$)/);
  await expect(page.getByText("The ops board is for ops staff")).toBeVisible();
  await expect(page.getByTestId("ops-orders-table")).toHaveCount(0);
  await expect(page.getByTestId("orders-table")).toBeVisible();
  // The ops API refuses the reseller too.
  const res = await page.request.get("/api/ops/orders");
  expect(res.status()).toBe(403);
  await page.context().close();
});

test("unknown credentials show the login error and stay on the login page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@unknown.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
  // A known user with a wrong password gets the same answer (no account probing).
  await page.getByLabel("Email").fill(RESELLER);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});
