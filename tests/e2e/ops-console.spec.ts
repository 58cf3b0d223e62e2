// The ops console at 3 a.m. (issue 14, point 8): an order sits at the supplier past its SLA, the
// exceptions queue shows it (the nav counts it), and ops resolve it from there with a note; it
// leaves the queue and stays on the order's timeline. The supplier simulator is held still
// (autoAdvance off) so the order stays "submitted"; its clock is moved by setting the supplier
// order's statusAt back five hours in the database, as a fake clock would. Then a signed PhoneX
// webhook naming an order we do not know is flagged; ops attach it to the right order from the
// webhook log, it is applied, and a replay of it changes nothing and says so.
import { createHmac, randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { expectAccessible, expectNoHorizontalOverflow } from "./support/a11y";

const PASSWORD = "demo1234";
const ADDRESS = { name: "Worldtech Receiving", line1: "1200 Commerce Blvd", city: "Miami", postalCode: "33166", country: "US" };

async function signIn(browser: Browser, email: string, next: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => u.pathname === next);
  return page;
}

/** The PhoneX simulator's knobs (its admin route, beside the API it serves). */
async function phonexKnobs(knobs: Record<string, unknown>) {
  const res = await fetch(`${process.env.PHONEX_API_URL}/__sim/config`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(knobs),
  });
  expect(res.status).toBe(200);
}

async function sql<T extends Record<string, unknown>>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test.afterEach(async () => {
  await phonexKnobs({ autoAdvance: true });
});

test("an order past its supplier's SLA shows in the exceptions queue, and ops resolve it there", async ({ browser }) => {
  await phonexKnobs({ autoAdvance: false });
  const buyer = await signIn(browser, "buyer@worldtech.example", "/");
  const placed = await buyer.request.post("/api/orders", {
    headers: { "Idempotency-Key": `e2e-sla-${Date.now()}` },
    data: { items: [{ sku: "IPHONE13-256GB-B", quantity: 1 }], shippingAddress: ADDRESS, reference: "PO-SLA-1" },
  });
  expect(placed.status()).toBe(201);
  const { id: orderId, number } = (await placed.json()) as { id: string; number: string };

  const ops = await signIn(browser, "ops@portal.example", "/ops/exceptions");
  // Acknowledged by the supplier, then held there.
  await expect(async () => {
    const o = (await (await ops.request.get(`/api/ops/orders/${orderId}`)).json()) as { supplierOrders: { status: string }[] };
    expect(o.supplierOrders.map((s) => s.status)).toEqual(["submitted"]);
  }).toPass({ timeout: 20_000 });
  const moved = await sql(`UPDATE "SupplierOrder" SET "statusAt" = "statusAt" - interval '5 hours' WHERE "orderId" = $1 RETURNING "id"`, [orderId]);
  expect(moved).toHaveLength(1);

  // The scan (a job scheduler) finds it; the page and the nav show it.
  const row = ops.locator('[data-testid="exception"][data-kind="stuck"]', { hasText: number });
  await expect(async () => {
    await ops.reload();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row.getByTestId("exception-reason")).toContainText(/^Submitted at PhoneX.* for 5 h \(SLA 4 h\)$/);
  await expect(ops.getByTestId("exceptions-count")).toBeVisible();
  await expectNoHorizontalOverflow(ops, { label: "/ops/exceptions" });
  await expectAccessible(ops, { label: "/ops/exceptions" });

  // Resolved by hand needs a note.
  await row.getByTestId("exception-resolve").click();
  await expect(row).toContainText("Required to resolve by hand");
  await row.getByTestId("exception-note").fill("Called PhoneX: it ships today");
  await row.getByTestId("exception-resolve").click();
  await expect(ops.locator('[data-testid="exception"]', { hasText: number })).toHaveCount(0);

  // Resolved: on the resolved list, and on the order's timeline.
  await ops.getByTestId("exceptions-status-resolved").click();
  await expect(ops.locator('[data-testid="exception"]', { hasText: number })).toContainText("Resolved by Sam Ops: Called PhoneX: it ships today");
  await ops.goto(`/ops/orders/${orderId}`);
  await expect(ops.getByText("Resolved by Sam Ops: Called PhoneX: it ships today")).toBeVisible();
  // The reseller sees none of it.
  const mine = await buyer.request.get(`/api/orders/${orderId}`);
  expect(JSON.stringify(await mine.json())).not.toMatch(/exception|Called PhoneX/i);

  await ops.context().close();
  await buyer.context().close();
});

/** A PhoneX webhook signed as the contract says (X-PhoneX-Signature: v1=HMAC-SHA256(secret, "<ts>.<body>")). */
async function phonexWebhook(baseURL: string, body: unknown, eventId: string) {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = createHmac("sha256", process.env.PHONEX_WEBHOOK_SECRET!).update(`${ts}.${raw}`).digest("hex");
  return fetch(`${baseURL}/api/webhooks/phonex`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-phonex-event-id": eventId, "x-phonex-timestamp": ts, "x-phonex-signature": `v1=${sig}` },
    body: raw,
  });
}

test("a webhook for an order we do not know is flagged; ops attach it to the order from the webhook log, and a replay changes nothing", async ({
  browser,
  baseURL,
}) => {
  await phonexKnobs({ autoAdvance: false });
  const buyer = await signIn(browser, "buyer@worldtech.example", "/");
  const placed = await buyer.request.post("/api/orders", {
    headers: { "Idempotency-Key": `e2e-hook-${Date.now()}` },
    data: { items: [{ sku: "IPHONE13-256GB-B", quantity: 1 }], shippingAddress: ADDRESS, reference: "PO-HOOK-E2E" },
  });
  expect(placed.status()).toBe(201);
  const { id: orderId, number } = (await placed.json()) as { id: string; number: string };
  const ops = await signIn(browser, "ops@portal.example", "/ops/webhooks");
  let supplierOrderId = "";
  await expect(async () => {
    const o = (await (await ops.request.get(`/api/ops/orders/${orderId}`)).json()) as { supplierOrders: { status: string; supplierOrderId: string | null }[] };
    expect(o.supplierOrders.map((s) => s.status)).toEqual(["submitted"]);
    supplierOrderId = o.supplierOrders[0]!.supplierOrderId!;
  }).toPass({ timeout: 20_000 });

  // The supplier names a reference we never sent (a typo on their side): stored, flagged, 202.
  const eventId = `evt_e2e_${randomUUID()}`;
  const sent = await phonexWebhook(
    baseURL!,
    {
      event: "order.status_updated",
      order_id: "PXSTKL9999999",
      supplier_order_id: supplierOrderId,
      status: "processing",
      updated_at: new Date().toISOString(),
    },
    eventId,
  );
  expect(sent.status).toBe(202);

  // In the exceptions queue, then in the webhook log among the flagged ones.
  await ops.goto("/ops/exceptions");
  await expect(async () => {
    await ops.reload();
    await expect(ops.locator('[data-testid="exception"][data-kind="webhook_unknown_order"]').first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await ops.goto("/ops/webhooks");
  await ops.getByTestId("webhooks-filter-outcome").selectOption({ label: "Flagged (needs ops)" });
  const row = ops.locator(`[data-testid="webhook-row"][data-event-id="${eventId}"]`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expectAccessible(ops, { label: "/ops/webhooks" });
  await row.getByTestId("webhook-attach").click();
  await ops.getByTestId("webhook-attach-order").fill(number);
  await ops.getByTestId("webhook-attach-submit").click();
  await expect(ops.getByTestId("webhook-action-result")).toContainText(`Attached to order ${number}: applied`, { timeout: 15_000 });

  // Applied through the normal path: the order moved.
  await expect(async () => {
    const o = (await (await ops.request.get(`/api/ops/orders/${orderId}`)).json()) as { status: string };
    expect(o.status).toBe("processing");
  }).toPass({ timeout: 15_000 });

  // A replay of an applied event changes nothing and says so.
  await ops.getByTestId("webhooks-filter-outcome").selectOption({ index: 0 });
  await expect(row).toHaveAttribute("data-outcome", "applied", { timeout: 15_000 });
  await row.getByTestId("webhook-replay").click();
  await expect(ops.getByTestId("webhook-action-result")).toContainText("duplicate: already applied", { timeout: 15_000 });
  const after = (await (await ops.request.get(`/api/ops/orders/${orderId}`)).json()) as { status: string };
  expect(after.status).toBe("processing");

  await ops.context().close();
  await buyer.context().close();
});
