// Offers in the browser: a buyer makes an offer on the cart, ops counter it from the offer-clearing
// queue, the buyer, whose page follows live, accepts the counter and orders at the agreed price.
import { expect, test, type Browser } from "@playwright/test";

async function signIn(browser: Browser, email: string, next: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("demo1234");
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => u.pathname === next);
  return page;
}

test("a buyer offers on the cart, ops counter from the queue, the buyer accepts the counter live and orders it", async ({ browser }) => {
  const buyer = await signIn(browser, "buyer@worldtech.example", "/");
  await buyer.getByTestId("catalog-search").fill("Galaxy S21");
  await expect(buyer.getByTestId("add-to-cart-GALAXYS21-128GB-A")).toBeEnabled();
  await buyer.getByTestId("qty-GALAXYS21-128GB-A").fill("3");
  await buyer.getByTestId("add-to-cart-GALAXYS21-128GB-A").click();
  await buyer.getByTestId("nav-cart").click();
  await buyer.getByTestId("make-offer-link").click();
  await buyer.waitForURL((u) => u.pathname === "/offers/new");
  await buyer.getByTestId("offer-price-GALAXYS21-128GB-A").fill("101.00");
  await buyer.getByLabel("Message").fill("Three at 101?");
  await buyer.getByTestId("send-offer").click();
  await buyer.waitForURL((u) => u.pathname === "/offers");
  const mine = buyer.getByTestId("offer").first();
  await expect(mine).toHaveAttribute("data-status", "open");
  await expect(mine.getByTestId("offer-total")).toContainText("303.00");
  const offerId = await mine.getAttribute("data-offer-id");
  await expect(buyer.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");

  const ops = await signIn(browser, "ops@portal.example", "/ops/offers");
  const queued = ops.locator(`[data-testid="offer"][data-offer-id="${offerId}"]`);
  await expect(queued).toContainText("Worldtech");
  await expect(queued).toContainText("Three at 101?");
  await queued.getByTestId("counter-offer").click();
  await queued.getByLabel("Unit price of GALAXYS21-128GB-A").fill("110.00");
  await queued.getByTestId("send-counter").click();
  // Countered: it leaves the queue of open offers.
  await expect(queued).toHaveCount(0);

  // The buyer's page follows without a reload, and the buyer accepts.
  const live = buyer.locator(`[data-testid="offer"][data-offer-id="${offerId}"]`);
  await expect(live).toHaveAttribute("data-status", "countered", { timeout: 10_000 });
  await expect(live.getByTestId("offer-total")).toContainText("330.00");
  await expect(live.getByTestId("offer-timeline")).not.toContainText("ops@portal.example");
  await live.getByTestId("accept-offer").click();
  await expect(buyer.locator(`[data-testid="offer"][data-offer-id="${offerId}"]`)).toHaveAttribute("data-status", "accepted");

  // Ordered at the agreed price, to the company's default address (saved here through the API).
  const saved = await buyer.request.post("/api/account/addresses", {
    data: {
      label: `Offers dock ${Date.now()}`,
      isDefault: true,
      address: { name: "Worldtech Receiving", line1: "1200 Commerce Blvd", city: "Miami", postalCode: "33166", country: "US" },
    },
  });
  expect(saved.status()).toBe(201);
  await buyer.locator(`[data-testid="offer"][data-offer-id="${offerId}"]`).getByTestId("order-offer").click();
  await buyer.waitForURL(/\/orders\/[^/?#]+$/);
  await expect(buyer.getByTestId("order-number")).toBeVisible();
  await expect(buyer.getByTestId("order-lines")).toContainText("110.00");

  await ops.context().close();
  await buyer.context().close();
});

test("a buyer makes an offer on one product straight from the catalog", async ({ browser }) => {
  const buyer = await signIn(browser, "buyer@worldtech.example", "/");
  await buyer.getByTestId("catalog-search").fill("Pixel 8");
  await expect(async () => {
    await buyer.getByTestId("make-offer-PIXEL8-128GB-B").click({ timeout: 2_000 });
    await buyer.waitForURL((u) => u.pathname === "/offers/new", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await buyer.getByTestId("offer-qty-PIXEL8-128GB-B").fill("4");
  await buyer.getByTestId("offer-price-PIXEL8-128GB-B").fill("250.00");
  await buyer.getByTestId("send-offer").click();
  await buyer.waitForURL((u) => u.pathname === "/offers");
  const mine = buyer.getByTestId("offer").first();
  await expect(mine.getByTestId("offer-line")).toContainText("PIXEL8-128GB-B");
  await expect(mine.getByTestId("offer-total")).toContainText("1,000.00");
  await buyer.context().close();
});
