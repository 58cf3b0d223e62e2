import { cjCatalog, createCjSimulator } from "../../../dev/simulators/cj";
import { setupSimulatorMsw } from "../../../dev/simulators/kit/setup-simulator-msw";
import { describeAdapterContract } from "../../../tests/contracts/adapter-contract";
import { cjHandlers } from "../../../tests/msw/cj";
import type { SupplierConfig, WebhookRequest } from "../types";
import { CjAdapter } from "./adapter";
import { cjKind } from "./kind";
import { MemoryCjTokenStore } from "./token-store";

// The shared adapter contract against the CJ simulator; its signed webhooks are caught here instead of posted.
const BASE = "https://cj-contract.test/api2.0/v1";
const KEY = "cj_contract_key";
const OPEN_ID = "778";
const deliveries: WebhookRequest[] = [];
const catchWebhook: typeof fetch = async (_url, init) => {
  deliveries.push({ headers: new Headers(init?.headers), rawBody: Buffer.from(String(init?.body)) });
  return new Response(null, { status: 200 });
};
// qps 0: unlimited until a test turns the tier down; pages of 2 products, so the inventory takes several.
const sim = createCjSimulator({
  apiKey: KEY,
  openId: OPEN_ID,
  autoAdvance: false,
  qps: 0,
  pageSize: 2,
  webhookUrl: "https://portal.test/api/webhooks/cj",
  fetchImpl: catchWebhook,
});
const { captured } = setupSimulatorMsw({ base: BASE, handlers: cjHandlers(BASE, sim), sim, afterEach: () => void (deliveries.length = 0) });

const config: SupplierConfig = {
  id: "sup_cj",
  slug: "cj",
  kind: "cj",
  baseUrl: BASE,
  credentials: { apiKey: KEY, openId: OPEN_ID },
  webhookSecrets: [],
  timeoutMs: 300,
  rateLimitPerSec: 100,
};
// CJ's orderNumber is our supplier-order id, the idempotency key.
const orderOf = (key: string) => sim.state.orders.get(key)!;

describeAdapterContract(cjKind, {
  config,
  adapter: (c) => new CjAdapter({ ...config, ...c }, undefined, { tokenStore: new MemoryCjTokenStore(), pageSize: 2 }),
  lines: [
    { sku: "IPHONE13-128GB-B", supplierSku: "CJ-VID-1004B", quantity: 2, unitPrice: "284.00" },
    { sku: "PIXEL7-128GB-C", supplierSku: "CJ-VID-1009C", quantity: 1, unitPrice: "164.43" },
  ],
  unknownLine: { sku: "NOKIA3310-A", supplierSku: "CJ-VID-NOPE", quantity: 1, unitPrice: "10.00" },
  wrongCredentials: { apiKey: "cj_wrong_key", openId: OPEN_ID },
  captured,
  sim: {
    created: (o) => sim.state.createdByNumber.get(o.idempotencyKey) ?? 0,
    held: () => sim.state.orders.size,
    advance: (o) => void sim.advance(orderOf(o.idempotencyKey)),
    failBeforeCreate: () => void sim.configure({ failureRate: 1 }),
    failAfterCreate: () => void sim.configure({ failAfterCreateRate: 1, failAfterCreateMode: "error" }),
    answerLate: () => void sim.configure({ latencyMs: 1000 }),
    // CJ's limit is the account tier's QPS (1600200): the adapter learns "unlimited" first, then the tier drops to 1.
    rateLimit: async (adapter) => {
      await adapter.getOrder({ reference: "warm-up", supplierOrderId: null }).catch(() => undefined);
      sim.configure({ qps: 1 });
    },
    healthy: () => void sim.configure({ failureRate: 0, failAfterCreateRate: 0, latencyMs: 0 }),
  },
  inventoryItems: cjCatalog.flatMap((p) => p.variants).length,
  webhooks: {
    delivered: async () => {
      await sim.idle();
      return [...deliveries];
    },
  },
});
