import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { CjAdapter } from "../../../lib/suppliers/cj/adapter";
import { MemoryCjTokenStore } from "../../../lib/suppliers/cj/token-store";
import { CJ_WEBHOOK_SUCCESS } from "../../../lib/suppliers/cj/webhook";
import { startCjSimulatorServer, type CjSimulatorServer } from "./server";

// The node:http transport end to end: the adapter over real HTTP, signed webhooks to a real receiver.
const OPEN_ID = "1486957394221047808";
const received: { ok: boolean; type: string; status: string | null }[] = [];
let receiver: Server;
let running: CjSimulatorServer;
let adapter: CjAdapter;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      const v = adapter.verifyWebhook({ headers, rawBody: raw });
      const event = v.ok ? adapter.parseWebhook(raw, v.eventId) : null;
      received.push({ ok: v.ok, type: event?.eventType ?? "", status: event?.kind === "order" ? event.status : null });
      res.writeHead(v.ok ? 200 : 401, { "content-type": "application/json" }).end(JSON.stringify(CJ_WEBHOOK_SUCCESS));
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hookPort = (receiver.address() as AddressInfo).port;
  running = await startCjSimulatorServer({
    port: 0,
    apiKey: "cj_srv",
    openId: OPEN_ID,
    webhookUrl: `http://127.0.0.1:${hookPort}/api/webhooks/cj`,
    paceMs: 15,
    logRequests: false,
  });
  adapter = new CjAdapter(
    {
      id: "s",
      slug: "cj",
      kind: "cj",
      baseUrl: running.apiUrl,
      credentials: { apiKey: "cj_srv", openId: OPEN_ID },
      webhookSecrets: [],
      timeoutMs: 2000,
      rateLimitPerSec: 4,
    },
    undefined,
    { tokenStore: new MemoryCjTokenStore() },
  );
});

afterAll(async () => {
  await running.close();
  await new Promise((r) => receiver.close(r));
});

it("serves the adapter over HTTP under /api2.0/v1 and delivers verified webhooks", async () => {
  expect(running.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api2\.0\/v1$/);
  const input = {
    idempotencyKey: "so_srv",
    reference: "PXSRV1",
    customerId: "c1",
    items: [{ sku: "IPHONE13-128GB-B", supplierSku: "CJ-VID-1004B", quantity: 1, unitPrice: "284.00" }],
    shippingAddress: { name: "N", line1: "L", city: "Miami", postalCode: "33166", country: "US" },
  };
  const first = await adapter.createOrder(input);
  // A repeat (as after a lost answer) reads the same order back.
  expect((await adapter.createOrder(input)).supplierOrderId).toBe(first.supplierOrderId);
  await vi.waitFor(() => expect(received.map((r) => r.status)).toContain("delivered"), { timeout: 4000 });
  expect(received.every((r) => r.ok)).toBe(true);
  expect(received.map((r) => r.type)).toEqual(expect.arrayContaining(["order.update", "logistic.update", "stock.update"]));
  expect(running.sim.state.createdByNumber.get("so_srv")).toBe(1);
  expect(running.sim.state.stats.authCalls).toBe(1);
  expect(await adapter.getOrder({ reference: "so_srv", supplierOrderId: null })).toMatchObject({
    status: "delivered",
    carrier: "CJPacket",
    trackingNumber: expect.stringMatching(/^CJPKL/),
  });

  const admin = await fetch(`${running.url}/__sim/orders`);
  expect(await admin.json()).toMatchObject({ createdByNumber: { so_srv: 1 } });
});
