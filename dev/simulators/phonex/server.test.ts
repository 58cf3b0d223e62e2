import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { PhoneXAdapter } from "../../../lib/suppliers/phonex/adapter";
import { verifyPhoneXSignature } from "../../../lib/suppliers/phonex/signature";
import { startPhoneXSimulatorServer, type PhoneXSimulatorServer } from "./server";

// The node:http transport end to end: the adapter over real HTTP, webhooks to a real receiver.
const received: { ok: boolean; body: { event: string; status: string } }[] = [];
let receiver: Server;
let running: PhoneXSimulatorServer;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      const v = verifyPhoneXSignature({ headers, rawBody: raw, secrets: ["whsec_srv"] });
      received.push({ ok: v.ok, body: JSON.parse(raw.toString()) as { event: string; status: string } });
      res.writeHead(v.ok ? 202 : 401).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hookPort = (receiver.address() as AddressInfo).port;
  running = await startPhoneXSimulatorServer({
    port: 0,
    apiKey: "px_srv",
    webhookSecret: "whsec_srv",
    webhookUrl: `http://127.0.0.1:${hookPort}/hooks`,
    paceMs: 10,
    logRequests: false,
  });
});

afterAll(async () => {
  await running.close();
  await new Promise((r) => receiver.close(r));
});

it("serves the adapter over HTTP and delivers verified webhooks", async () => {
  expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const adapter = new PhoneXAdapter({
    id: "s",
    slug: "phonex",
    kind: "phonex",
    baseUrl: running.url,
    credentials: { apiKey: "px_srv" },
    webhookSecrets: ["whsec_srv"],
    timeoutMs: 2000,
    rateLimitPerSec: 5,
  });
  const input = {
    idempotencyKey: "so_srv",
    reference: "PXSRV1",
    customerId: "c1",
    items: [{ sku: "IPHONE13-128GB-B", supplierSku: "IPHONE13-128GB-B", quantity: 1, unitPrice: "289.00" }],
    shippingAddress: { name: "N", line1: "L", city: "C", postalCode: "1", country: "US" },
  };
  const first = await adapter.createOrder(input);
  expect((await adapter.createOrder(input)).externalId).toBe(first.externalId);
  expect((await adapter.fetchInventory()).items.length).toBeGreaterThanOrEqual(40);
  await vi.waitFor(() => expect(received.map((r) => r.body.status)).toContain("delivered"), { timeout: 3000 });
  expect(received.every((r) => r.ok)).toBe(true);
  expect(running.sim.state.createdByKey.get("so_srv")).toBe(1);
  expect((await adapter.getOrder({ reference: "PXSRV1", supplierOrderId: null })).status).toBe("delivered");
});
