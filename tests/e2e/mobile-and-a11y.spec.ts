// The portal on a phone and for assistive technology (issue 13, point 5): every reseller and ops
// page at 1280 px and at 375 px has no horizontal page scroll and no serious or critical axe-core
// violation; at 375 px the navigation collapses behind a menu button that opens the links and
// Sign out, and a reseller shops from the catalog (price and Add visible, stock respected), sees
// availability in the cart and checks out.
//
// Each page's checks are soft: one run lists every page that fails, not only the first.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalOverflow } from "./support/a11y";

const PASSWORD = "demo1234";
const RESELLER = "buyer@worldtech.example";
const OPS = "ops@portal.example";
/** In stock at PhoneX only (prisma/seed.ts demoCatalog), as in the order loop. */
const PHONE = { search: "Galaxy S21", sku: "GALAXYS21-128GB-A" };

const DESKTOP = { width: 1280, height: 800 };
const PHONE_VIEWPORT = { width: 375, height: 740 };
const WIDTHS = [DESKTOP, PHONE_VIEWPORT];

async function signIn(browser: Browser, email: string, next: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: PHONE_VIEWPORT })).newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => u.pathname === next);
  return page;
}

/** Opens a page and waits until its content has loaded (no "Loading…" left in the main area). */
async function open(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), `${path} answers`).toBeLessThan(400);
  await expect(page.locator("main")).toBeVisible();
  await expect(page.locator("main").getByText(/^Loading/)).toHaveCount(0, { timeout: 15_000 });
}

/** The page at each width: no wider than the viewport, and nothing serious for axe. */
async function checkAtBothWidths(page: Page, path: string) {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await open(page, path);
    await expectNoHorizontalOverflow(page, { soft: true, label: `${path} at ${size.width} px` });
    await expectAccessible(page, { soft: true, label: path });
  }
}

/**
 * At 375 px the links sit behind the menu button, which opens them and closes again; Sign out
 * stays in the bar, in view, with the menu open or closed.
 */
async function expectCollapsedNavigation(page: Page, someLink: string) {
  await page.setViewportSize(PHONE_VIEWPORT);
  const button = page.getByTestId("nav-menu-button");
  const signOut = page.getByTestId("sign-out");
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(button).toHaveAccessibleName("Menu");
  const menu = page.locator(`#${await button.getAttribute("aria-controls")}`);
  await expect(page.getByTestId(someLink)).toBeHidden();
  await expect(signOut).toBeInViewport({ ratio: 1 });
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(menu).toBeVisible();
  await expect(menu.getByTestId(someLink)).toBeInViewport({ ratio: 1 });
  await expect(menu.getByTestId("current-user")).toBeVisible();
  await expect(signOut).toBeInViewport({ ratio: 1 });
  await expectNoHorizontalOverflow(page, { label: "the open menu" });
  await expectAccessible(page, { label: "the open menu" });
  await page.keyboard.press("Escape");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeHidden();
  // A link closes it too, and leads where it says.
  await button.click();
  const href = await menu.getByTestId(someLink).getAttribute("href");
  await menu.getByTestId(someLink).click();
  await page.waitForURL((u) => u.pathname === href);
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeHidden();

  // At 1280 px the links and Sign out are in the bar and there is no menu button.
  await page.setViewportSize(DESKTOP);
  await expect(button).toBeHidden();
  await expect(page.getByTestId(someLink)).toBeVisible();
  await expect(signOut).toBeVisible();
}

test("the login and password pages fit a phone and pass axe", async ({ page }) => {
  for (const path of ["/login", "/forgot-password"]) await checkAtBothWidths(page, path);
});

test("a reseller shops, checks out and visits every reseller page at 375 px and 1280 px", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await signIn(browser, RESELLER, "/");
  await expectCollapsedNavigation(page, "nav-orders");

  // The catalog at 375 px: a card per product, price and Add to cart in view without scrolling sideways.
  await page.setViewportSize(PHONE_VIEWPORT);
  await open(page, "/");
  await page.getByTestId("catalog-search").fill(PHONE.search);
  const row = page.locator(`[data-testid="product-row"][data-sku="${PHONE.sku}"]`);
  await expect(row).toBeVisible();
  await expect(page.locator(`[data-testid="product-row"]:not(:has-text("${PHONE.search}"))`)).toHaveCount(0);
  const add = page.getByTestId(`add-to-cart-${PHONE.sku}`);
  // cards: no table header row on the phone, one at 1280 px (checked below)
  await expect(page.getByTestId("catalog-table").locator("thead")).toBeHidden();
  await expect(row.getByTestId("product-price")).toBeInViewport();
  await expect(row.getByTestId("product-price")).toHaveText(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
  await add.scrollIntoViewIfNeeded();
  await expect(add).toBeInViewport();
  await expectNoHorizontalOverflow(page, { label: "the catalog at 375 px" });
  const box = await add.boundingBox();
  expect(box!.x + box!.width, "Add to cart ends inside the viewport").toBeLessThanOrEqual(PHONE_VIEWPORT.width);

  // Stock is respected: more than is available cannot be added, and the row says how many there are.
  const stock = Number(await row.getAttribute("data-stock"));
  expect(stock, "the phone is in stock").toBeGreaterThan(1);
  await page.getByTestId(`qty-${PHONE.sku}`).fill(String(stock + 1));
  await expect(add).toBeDisabled();
  await expect(row.getByTestId(`stock-note-${PHONE.sku}`)).toHaveText(`Only ${stock} available`);
  await page.getByTestId(`qty-${PHONE.sku}`).fill("1");
  await expect(add).toBeEnabled();
  await add.click();
  await expect(row).toContainText("1 in cart");
  await expect(page.getByTestId("cart-count")).toHaveText("1");

  // The cart at 375 px: the line as a card, and its availability when the quantity passes the stock.
  await open(page, "/cart");
  const line = page.locator(`[data-testid="cart-line"][data-sku="${PHONE.sku}"]`);
  await expect(line).toBeVisible();
  await expect(page.getByTestId("cart-lines").locator("thead")).toBeHidden();
  await expectNoHorizontalOverflow(page, { label: "the cart at 375 px" });
  await expect(line.getByTestId(`cart-availability-${PHONE.sku}`)).toHaveText("In stock");
  await page.getByTestId(`cart-qty-${PHONE.sku}`).fill(String(stock + 5));
  await expect(line.getByTestId(`cart-availability-${PHONE.sku}`)).toHaveText(`Only ${stock} available`);
  await page.getByTestId(`cart-qty-${PHONE.sku}`).fill("1");
  await expect(line.getByTestId(`cart-availability-${PHONE.sku}`)).toHaveText("In stock");

  // With a line in the cart: the pages that show it.
  for (const path of ["/", "/cart", "/offers/new", "/checkout"]) await checkAtBothWidths(page, path);
  await page.setViewportSize(DESKTOP);
  await open(page, "/cart");
  await expect(page.getByTestId("cart-lines").locator("thead")).toBeVisible();

  // Checkout on the phone.
  await page.setViewportSize(PHONE_VIEWPORT);
  await open(page, "/checkout");
  const form = page.getByTestId("checkout-form");
  await form.getByLabel(/^Name/).fill("Worldtech Receiving");
  await form.getByLabel(/^Company/).fill("Worldtech Mobile");
  await form.getByLabel(/^Address line 1/).fill("1200 Commerce Blvd");
  await form.getByLabel(/^City/).fill("Miami");
  await form.getByLabel(/^Region \/ state/).fill("FL");
  await form.getByLabel(/^Postal code/).fill("33166");
  await form.getByLabel(/^Country/).fill("US");
  await form.getByLabel(/^Phone/).fill("+1 305 555 0100");
  await form.getByLabel(/^Reference \(PO number\)/).fill(`PO-E2E-MOBILE-${Date.now()}`);
  await page.getByTestId("place-order").click();
  await page.waitForURL(/\/orders\/[^/?#]+$/);
  const orderPath = new URL(page.url()).pathname;
  await expect(page.getByTestId("order-status")).toBeVisible();
  // A human label on screen, the API's word in the attribute.
  await expect(page.getByTestId("order-status")).toHaveText(/^[A-Z][a-z]+( [a-z]+)?$/);

  // The bell's panel on the phone: inside the viewport, and accessible.
  await page.getByTestId("notification-bell").click();
  await expect(page.getByTestId("notification-panel")).toBeInViewport({ ratio: 1 });
  await expectNoHorizontalOverflow(page, { soft: true, label: "the notification panel at 375 px" });
  await expectAccessible(page, { soft: true, label: "the notification panel" });
  await page.getByTestId("notification-bell").click();
  await expect(page.getByTestId("notification-panel")).toHaveCount(0);

  // A saved list to open (saved from the cart in the browser; here through the API, as the page does).
  const saved = await page.request.post("/api/lists", {
    data: { name: `Mobile check ${Date.now()}`, source: "cart", lines: [{ sku: PHONE.sku, quantity: 1 }] },
  });
  expect(saved.status()).toBe(201);
  const { id: listId } = (await saved.json()) as { id: string };

  for (const path of [
    orderPath,
    "/orders",
    "/offers",
    "/notifications",
    "/account",
    "/account/company",
    "/account/users",
    "/account/api-keys",
    "/account/webhooks",
    "/quick-order",
    "/lists",
    `/lists/${encodeURIComponent(listId)}`,
    `${orderPath}/reorder`,
  ]) {
    await checkAtBothWidths(page, path);
  }
  await page.context().close();
});

test("ops visit every ops page at 375 px and 1280 px", async ({ browser, request }) => {
  test.setTimeout(180_000);
  // An order of their own to open, placed through the API as resellers' systems do.
  const placed = await request.post("/api/orders", {
    headers: { Authorization: `Bearer ${process.env.DEMO_API_KEY}`, "Idempotency-Key": `e2e-mobile-ops-${Date.now()}` },
    data: {
      items: [{ sku: PHONE.sku, quantity: 1 }],
      shippingAddress: { name: "Worldtech Receiving", line1: "1200 Commerce Blvd", city: "Miami", postalCode: "33166", country: "US" },
      reference: `PO-E2E-MOBILE-OPS-${Date.now()}`,
    },
  });
  expect(placed.status()).toBe(201);
  const { id: orderId } = (await placed.json()) as { id: string };

  const page = await signIn(browser, OPS, "/ops/orders");
  await expectCollapsedNavigation(page, "nav-sync");
  // At 1280 px the less used ops pages sit behind "More", which opens and closes on Escape.
  await page.getByTestId("nav-more").click();
  await expect(page.getByTestId("nav-more")).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByTestId("nav-companies")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("nav-companies")).toBeHidden();

  await open(page, "/ops/companies");
  const companyHref = await page.getByTestId("company-worldtech-1734").getByRole("link").getAttribute("href");
  expect(companyHref).toBeTruthy();
  await open(page, "/ops/suppliers");
  const supplierHref = await page.getByTestId("supplier-scorecard-link").first().getAttribute("href");
  expect(supplierHref).toBeTruthy();

  for (const path of [
    "/ops/orders",
    `/ops/orders/${encodeURIComponent(orderId)}`,
    "/ops/exceptions",
    "/ops/webhooks",
    "/ops/jobs",
    "/ops/audit",
    "/ops/scorecards",
    "/ops/suppliers",
    supplierHref!,
    "/ops/sync",
    "/ops/offers",
    "/ops/pricing",
    "/ops/alerts",
    "/ops/import",
    "/ops/companies",
    companyHref!,
    "/orders",
    "/notifications",
    "/account",
  ]) {
    await checkAtBothWidths(page, path);
  }
  await page.context().close();
});
