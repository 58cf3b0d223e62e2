import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { WesellCellularAdapter } from "../../../lib/suppliers/wesellcellular/adapter";
import { createMemoryTokenStore } from "../../../lib/suppliers/wesellcellular/token-store";
import { startWscSimulatorServer, type WscSimulatorServer } from "./server";

// The node:http transport end to end: the adapter over real HTTP, polling an order to Shipped.
let running: WscSimulatorServer;

beforeAll(async () => {
  running = await startWscSimulatorServer({ port: 0, email: "ops@portal.test", password: "pw-srv", paceMs: 10, logRequests: false });
});
afterAll(async () => {
  await running.close();
});

const CONTRACT = [/^POST \/auth\/login$/, /^GET \/stocklist\/items\?/, /^POST \/sales-orders$/, /^GET \/sales-orders\/SO-\d+$/];

it("serves the adapter over HTTP, and the order is polled by its salesOrderId until it ships", async () => {
  expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const adapter = new WesellCellularAdapter(
    {
      id: "s",
      slug: "wesellcellular",
      kind: "wesellcellular",
      baseUrl: running.url,
      credentials: { email: "ops@portal.test", password: "pw-srv" },
      webhookSecrets: [],
      timeoutMs: 2000,
      rateLimitPerSec: 5,
    },
    undefined,
    { tokenStore: createMemoryTokenStore() },
  );
  const input = {
    idempotencyKey: "so_srv",
    reference: "PXSRV1",
    customerId: "c1",
    items: [{ sku: "IPHONE13-128GB-B", supplierSku: "WSC-100202", quantity: 1, unitPrice: "295.00" }],
    shippingAddress: { name: "N", line1: "L", city: "C", postalCode: "1", country: "US" },
  };
  const first = await adapter.createOrder(input);
  expect(first.supplierOrderId).toBe(running.sim.find("so_srv")!.salesOrderId);
  expect((await adapter.createOrder(input)).supplierOrderId).toBe(first.supplierOrderId);
  expect((await adapter.fetchInventory()).items.length).toBe(13);
  const ref = { reference: "so_srv", supplierOrderId: first.supplierOrderId };
  await vi.waitFor(async () => expect(["shipped", "delivered"]).toContain((await adapter.getOrder(ref)).status), { timeout: 3000, interval: 20 });
  expect(running.sim.state.createdByReference.get("so_srv")).toBe(1);
  expect(running.sim.state.stats.logins).toBe(1);
  // Every request the adapter made is one the contract defines, and each was answered.
  const asked = running.sim.state.requests.map((r) => `${r.method} ${r.path}${r.search}`);
  expect(asked.length).toBeGreaterThan(4);
  for (const line of asked)
    expect(
      CONTRACT.some((re) => re.test(line)),
      line,
    ).toBe(true);
  expect(running.sim.state.requests.every((r) => r.status < 400)).toBe(true);
});

it("over real HTTP an undefined route is a 404, and the undefined ?reference= lookup is refused", async () => {
  const login = await fetch(`${running.url}/auth/login`, { method: "POST", body: JSON.stringify({ email: "ops@portal.test", password: "pw-srv" }) });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const byRef = await fetch(`${running.url}/sales-orders?reference=so_srv`, { headers: auth });
  expect(byRef.status).toBe(404);
  expect(await byRef.json()).toMatchObject({ code: "not_found" });
  expect((await fetch(`${running.url}/sales-orders/SO-500101/cancel`, { method: "POST", headers: auth })).status).toBe(404);
  expect((await fetch(`${running.url}/nothing-here`, { headers: auth })).status).toBe(404);
  expect((await fetch(`${running.url}/sales-orders/SO-500101?reference=so_srv`, { headers: auth })).status).toBe(400);
  expect((await fetch(`${running.url}/sales-orders/SO-500101`, { headers: auth })).status).toBe(200);
});
