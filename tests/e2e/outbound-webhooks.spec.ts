// Outbound webhooks in the real stack: the owner adds an endpoint at /account/webhooks (a local
// receiver started by this test), copies its signing secret from the page, an order is placed
// through the API, and the receiver gets order.created and then order.shipped as PhoneX ships it,
// each verified with the standardwebhooks package.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";

test("an owner's endpoint receives the signed order.created and order.shipped", async ({ page, request }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    await page.goto(`/login?callbackUrl=${encodeURIComponent("/account/webhooks")}`);
    await page.getByLabel("Email").fill("buyer@worldtech.example");
    await page.getByLabel("Password").fill("demo1234");
    await page.getByTestId("login-submit").click();
    await page.waitForURL((u) => u.pathname === "/account/webhooks");
    await page.getByLabel("URL").fill(url);
    await page.getByTestId("add-webhook").click();
    const secret = (await page.getByTestId("webhook-secret-value").innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByTestId("webhook-endpoint").filter({ hasText: url })).toBeVisible();

    const placed = await request.post("/api/orders", {
      headers: { Authorization: `Bearer ${process.env.DEMO_API_KEY}`, "Idempotency-Key": `e2e-hooks-${Date.now()}` },
      data: {
        items: [{ sku: "GALAXYS21-128GB-A", quantity: 1 }],
        shippingAddress: { name: "Worldtech Receiving", line1: "1200 Commerce Blvd", city: "Miami", postalCode: "33166", country: "US" },
        reference: "PO-E2E-HOOKS",
      },
    });
    expect(placed.status()).toBe(201);
    const orderId = ((await placed.json()) as { id: string }).id;

    const wh = new Webhook(secret);
    const types = () =>
      received
        .map((r) => wh.verify(r.body, r.headers as Record<string, string>) as { type: string; data: { orderId: string; reference: string; sequence: number } })
        .filter((e) => e.data.orderId === orderId);
    await expect
      .poll(() => types().map((e) => e.type), { timeout: 30_000, message: "order.created then order.shipped" })
      .toEqual(expect.arrayContaining(["order.created", "order.shipped"]));
    const events = types();
    const created = events.find((e) => e.type === "order.created")!;
    const shipped = events.find((e) => e.type === "order.shipped")!;
    expect(created.data.reference).toBe("PO-E2E-HOOKS");
    expect(shipped.data.sequence).toBeGreaterThan(created.data.sequence);
    for (const r of received) expect(r.body.toLowerCase()).not.toContain("phonex");
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
