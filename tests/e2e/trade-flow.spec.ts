// Trading the way the phone trade trades, in the browser, at 1280 px and at 375 px (issue 13,
// point 6): a buyer uploads a `;`-separated spreadsheet (one row by SKU, one by brand, model,
// storage and grade with a max price under the list price), reviews it, offers on the row over
// their price and orders the row that is available through the checkout; ops counter the offer
// from the clearing queue (the buyer's page follows live); the buyer accepts and orders it at the
// agreed price, and that order reaches the supplier exactly once. axe-core checks the pages on
// the way. Each width trades its own products, so the two runs do not share stock.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalOverflow } from "./support/a11y";

const PASSWORD = "demo1234";
const RESELLER = "buyer@worldtech.example";
const OPS = "ops@portal.example";

type Run = {
  viewport: { width: number; height: number };
  /** Ordered by SKU from the sheet. */
  bySku: string;
  /** Found by its attributes, offered on at a max price under its list price. */
  byAttributes: { brand: string; model: string; storage: string; grade: string; sku: string };
};
const RUNS: Run[] = [
  {
    viewport: { width: 1280, height: 800 },
    bySku: "PIXEL8-128GB-A",
    byAttributes: { brand: "Google", model: "Pixel 7", storage: "128 GB", grade: "Grade B", sku: "PIXEL7-128GB-B" },
  },
  {
    viewport: { width: 375, height: 740 },
    bySku: "GALAXYS23-256GB-A",
    byAttributes: { brand: "apple", model: "iPhone 14", storage: "128GB", grade: "B", sku: "IPHONE14-128GB-B" },
  },
];

async function signIn(browser: Browser, email: string, next: string, viewport: Run["viewport"]): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => u.pathname === next);
  return page;
}

const cents = (price: string) => Math.round(Number(price) * 100);
const dollars = (c: number) => (c / 100).toFixed(2);

/** Reviews the sheet on /quick-order (uploaded as a file, as a buyer would). */
async function review(page: Page, csv: string) {
  await page.goto("/quick-order");
  await page.getByLabel("Upload CSV or XLSX").setInputFiles({ name: "purchase-order.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  // Clicked until the page has hydrated and the review is shown.
  await expect(async () => {
    await page.getByRole("button", { name: "Review" }).click();
    await expect(page.getByTestId("quick-order-summary")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

for (const run of RUNS) {
  test(`at ${run.viewport.width} px: a spreadsheet is ordered where it can be and offered on where it cannot; ops counter, the buyer accepts, one order at the agreed price`, async ({
    browser,
  }) => {
    const buyer = await signIn(browser, RESELLER, "/quick-order", run.viewport);
    const product = async (sku: string) => {
      const res = await buyer.request.get(`/api/products?q=${encodeURIComponent(sku)}`);
      expect(res.status()).toBe(200);
      const found = ((await res.json()) as { data: { sku: string; price: string; stock: number }[] }).data.find((p) => p.sku === sku);
      expect(found, `${sku} is in the catalog`).toBeTruthy();
      return found!;
    };
    const offered = await product(run.byAttributes.sku);
    expect((await product(run.bySku)).stock).toBeGreaterThanOrEqual(2);
    // The buyer's max: 5 % under the list price, written as their export writes money ("$1,234.00").
    const max = Math.floor(cents(offered.price) * 0.95);
    const maxCell = `$${Number(dollars(max)).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
    const a = run.byAttributes;
    const csv = ["SKU;Brand;Model;Storage;Grade;Qty;Max unit price", `${run.bySku};;;;;2;`, `;${a.brand};${a.model};${a.storage};${a.grade};3;${maxCell}`].join(
      "\r\n",
    );
    // Where both orders will ship: the company's default address.
    const saved = await buyer.request.post("/api/account/addresses", {
      data: {
        label: `Dock ${run.viewport.width} ${Date.now()}`,
        isDefault: true,
        address: { name: "Worldtech Receiving", line1: "1200 Commerce Blvd", city: "Miami", postalCode: "33166", country: "US", phone: "+1 305 555 0100" },
      },
    });
    expect(saved.status()).toBe(201);

    // The review: the SKU row matched, the attribute row found but over the buyer's price.
    await review(buyer, csv);
    await expect(buyer.getByTestId("review-matched")).toContainText(run.bySku);
    await expect(buyer.getByTestId("review-over_price")).toContainText(a.sku);
    await expectNoHorizontalOverflow(buyer, { label: `/quick-order at ${run.viewport.width} px` });
    await expectAccessible(buyer, { label: "/quick-order with a review" });

    // The rest (the row over price) becomes an offer at the buyer's max.
    await buyer.getByRole("button", { name: "Make an offer on the rest" }).click();
    await buyer.waitForURL((u) => u.pathname === "/offers");
    const mine = buyer.getByTestId("offer").first();
    await expect(mine).toHaveAttribute("data-status", "open");
    await expect(mine.getByTestId("offer-total")).toContainText(Number(dollars(max * 3)).toLocaleString("en-US", { minimumFractionDigits: 2 }));
    const offerId = (await mine.getAttribute("data-offer-id"))!;
    await expect(buyer.getByTestId("live-indicator")).toHaveAttribute("data-connected", "true");

    // The available rows go through the cart and the usual checkout.
    await review(buyer, csv);
    await buyer.getByRole("button", { name: "Order available rows" }).click();
    await buyer.waitForURL((u) => u.pathname === "/checkout");
    await expect(buyer.getByTestId("checkout-form")).toContainText(run.bySku);
    await buyer
      .getByTestId("checkout-form")
      .getByLabel(/^Reference \(PO number\)/)
      .fill(`PO-SHEET-${run.viewport.width}`);
    await buyer.getByTestId("place-order").click();
    await buyer.waitForURL(/\/orders\/[^/?#]+$/);
    await expect(buyer.getByTestId("order-lines")).toContainText(run.bySku);

    // Ops counter from the clearing queue, a little over the buyer's max.
    const ops = await signIn(browser, OPS, "/ops/offers", run.viewport);
    const agreed = max + Math.round((cents(offered.price) - max) / 2);
    const queued = ops.locator(`[data-testid="offer"][data-offer-id="${offerId}"]`);
    await expect(queued).toContainText("Worldtech");
    await expect(queued.getByTestId("offer-margin")).toBeVisible();
    await expectAccessible(ops, { label: "/ops/offers" });
    await queued.getByTestId("counter-offer").click();
    await queued.getByLabel(`Unit price of ${a.sku}`).fill(dollars(agreed));
    await queued.getByTestId("send-counter").click();
    await expect(queued).toHaveCount(0);

    // The buyer's offers page follows live; the buyer accepts and orders at the agreed price.
    await buyer.goto("/offers");
    const live = buyer.locator(`[data-testid="offer"][data-offer-id="${offerId}"]`);
    await expect(live).toHaveAttribute("data-status", "countered", { timeout: 15_000 });
    await expectNoHorizontalOverflow(buyer, { label: `/offers at ${run.viewport.width} px` });
    await expectAccessible(buyer, { label: "/offers with a counter" });
    await live.getByTestId("accept-offer").click();
    await expect(live).toHaveAttribute("data-status", "accepted");
    await live.getByTestId("order-offer").click();
    await buyer.waitForURL(/\/orders\/[^/?#]+$/);
    const orderId = decodeURIComponent(new URL(buyer.url()).pathname.split("/").pop()!);
    await expect(buyer.getByTestId("order-lines")).toContainText(a.sku);
    await expect(buyer.getByTestId("order-lines")).toContainText(dollars(agreed));

    // It reaches the supplier once: one supplier order, acknowledged, after one successful create call.
    await expect(async () => {
      const res = await ops.request.get(`/api/ops/orders/${encodeURIComponent(orderId)}`);
      expect(res.status()).toBe(200);
      const o = (await res.json()) as {
        items: { sku: string; quantity: number; unitPrice: string }[];
        supplierOrders: { status: string; supplierOrderId: string | null }[];
        supplierCalls: { operation: string; ok: boolean }[];
      };
      expect(o.items).toEqual([expect.objectContaining({ sku: a.sku, quantity: 3, unitPrice: dollars(agreed) })]);
      expect(o.supplierOrders).toHaveLength(1);
      expect(o.supplierOrders[0]!.supplierOrderId).toBeTruthy();
      expect(o.supplierCalls.filter((c) => /createOrder$/i.test(c.operation) && c.ok)).toHaveLength(1);
    }).toPass({ timeout: 30_000 });
    // The offer says so, and ordering it again answers the same order.
    await buyer.goto("/offers");
    await expect(buyer.locator(`[data-testid="offer"][data-offer-id="${offerId}"]`)).toHaveAttribute("data-status", "ordered");
    const again = await buyer.request.post(`/api/offers/${offerId}/order`, {
      data: {
        shippingAddress: {
          name: "Worldtech Receiving",
          line1: "1200 Commerce Blvd",
          city: "Miami",
          postalCode: "33166",
          country: "US",
          phone: "+1 305 555 0100",
        },
      },
    });
    expect([201, 409]).toContain(again.status());
    if (again.status() === 201) expect(((await again.json()) as { order: { id: string } }).order.id).toBe(orderId);

    await ops.context().close();
    await buyer.context().close();
  });
}
