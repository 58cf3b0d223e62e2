import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { WesellCellularAdapter } from "../adapter";
import { createMemoryTokenStore } from "../token-store";
import { startWscSimulatorServer, type WscSimulatorServer } from "./server";

// The node:http transport end to end: the adapter over real HTTP, polling an order to Shipped.
let running: WscSimulatorServer;

beforeAll(async () => {
  running = await startWscSimulatorServer({ port: 0, email: "ops@portal.test", password: "pw-srv", paceMs: 10, logRequests: false });
});
afterAll(async () => {
  await running.close();
});

it("serves the adapter over HTTP, and the order is polled until it ships", async () => {
  expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const adapter = new WesellCellularAdapter(
    { id: "s", slug: "wesellcellular", kind: "wesellcellular", baseUrl: running.url, credentials: { email: "ops@portal.test", password: "pw-srv" }, webhookSecrets: [], timeoutMs: 2000, rateLimitPerSec: 5 },
    undefined,
    { tokenStore: createMemoryTokenStore() },
  );
  const input = {
    idempotencyKey: "so_srv", reference: "PXSRV1", customerId: "c1",
    items: [{ sku: "IPHONE13-128GB-B", supplierSku: "WSC-100202", quantity: 1, unitPrice: "295.00" }],
    shippingAddress: { name: "N", line1: "L", city: "C", postalCode: "1", country: "US" },
  };
  const first = await adapter.createOrder(input);
  expect((await adapter.createOrder(input)).supplierOrderId).toBe(first.supplierOrderId);
  expect((await adapter.fetchInventory()).items.length).toBe(13);
  await vi.waitFor(async () => expect(["shipped", "delivered"]).toContain((await adapter.getOrder("so_srv")).status), { timeout: 3000, interval: 20 });
  expect(running.sim.state.createdByReference.get("so_srv")).toBe(1);
  expect(running.sim.state.stats.logins).toBe(1);
});
