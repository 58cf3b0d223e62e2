// The notification center in the browser: a company viewer's inbox gets an order placed through
// the API while the page is open (live, no reload), marks it read, and the viewer's preferences
// are saved per event and channel and survive a reload.
import { expect, test } from "@playwright/test";

const VIEWER = "viewer@worldtech.example";

test("a viewer sees a new order arrive in the inbox live, reads it, and keeps a preference", async ({ page, request }) => {
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/notifications")}`);
  await page.getByLabel("Email").fill(VIEWER);
  await page.getByLabel("Password").fill("demo1234");
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => u.pathname === "/notifications");
  await expect(page.getByTestId("live-indicator").first()).toHaveAttribute("data-connected", "true");

  const reference = `PO-E2E-INBOX-${Date.now()}`;
  const placed = await request.post("/api/orders", {
    headers: { Authorization: `Bearer ${process.env.DEMO_API_KEY}`, "Idempotency-Key": `e2e-inbox-${Date.now()}` },
    data: {
      items: [{ sku: "GALAXYS21-128GB-A", quantity: 1 }],
      shippingAddress: { name: "Worldtech Receiving", line1: "1200 Commerce Blvd", city: "Miami", postalCode: "33166", country: "US" },
      reference,
    },
  });
  expect(placed.status()).toBe(201);
  const { number } = (await placed.json()) as { number: string };

  // It arrives without a reload, unread, and leads to the order.
  const item = page.getByTestId("inbox-item").filter({ hasText: number }).first();
  await expect(item).toBeVisible({ timeout: 10_000 });
  await expect(item).toHaveAttribute("data-read", "false");
  await expect(page.getByTestId("notification-count")).toBeVisible();
  await item.getByTestId("inbox-mark-read").click();
  await expect(item).toHaveAttribute("data-read", "true");

  // Preferences: the order_canceled email off, saved, still off after a reload.
  await expect(page.getByTestId("email-order_canceled")).toBeChecked();
  await page.getByTestId("email-order_canceled").uncheck();
  await page.getByTestId("save-preferences").click();
  await expect(page.getByTestId("preferences-status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByTestId("email-order_canceled")).not.toBeChecked();
  await expect(page.getByTestId("inapp-order_canceled")).toBeChecked();
  // A viewer has no staff events to set.
  await expect(page.getByTestId("preference-low_stock")).toHaveCount(0);

  await page.getByTestId("inbox-read-all").click();
  await expect(page.getByTestId("inbox-unread")).toHaveText("0 unread");
  await expect(page.getByTestId("notification-count")).toHaveCount(0, { timeout: 5_000 });
});
