import { http, HttpResponse } from "msw";
import { createPhoneXSimulator, phonexCatalog } from "../../../dev/simulators/phonex";
import { setupSimulatorMsw } from "../../../dev/simulators/kit/setup-simulator-msw";
import { describeAdapterContract } from "../../../tests/contracts/adapter-contract";
import { phonexHandlers } from "../../../tests/msw/phonex";
import type { SupplierConfig, WebhookRequest } from "../types";
import { PhoneXAdapter } from "./adapter";
import { phonexKind } from "./kind";

// The shared adapter contract against the PhoneX simulator; its signed webhooks are caught here instead of posted.
const BASE = "https://phonex-contract.test";
const KEY = "px_contract_key";
const SECRET = "whsec_contract";
const deliveries: WebhookRequest[] = [];
const catchWebhook: typeof fetch = async (_url, init) => {
  deliveries.push({ headers: new Headers(init?.headers), rawBody: Buffer.from(String(init?.body)) });
  return new Response(null, { status: 202 });
};
const sim = createPhoneXSimulator({
  apiKey: KEY,
  webhookSecret: SECRET,
  webhookUrl: "https://portal.test/api/webhooks/phonex",
  fetchImpl: catchWebhook,
  autoAdvance: false,
  pageSize: 15,
});
const { server, captured } = setupSimulatorMsw({ base: BASE, handlers: phonexHandlers(BASE, sim), sim, afterEach: () => void (deliveries.length = 0) });

const config: SupplierConfig = {
  id: "sup_px",
  slug: "phonex",
  kind: "phonex",
  baseUrl: BASE,
  credentials: { apiKey: KEY },
  webhookSecrets: [SECRET],
  timeoutMs: 300,
  rateLimitPerSec: 5,
};
const held = (key: string) => sim.state.createdByKey.get(key) ?? 0;
const orderOf = (reference: string) => sim.state.orders.get(reference)!;

describeAdapterContract(phonexKind, {
  config,
  adapter: (c) => new PhoneXAdapter({ ...config, ...c }),
  lines: [
    { sku: "IPHONE12-64GB-A", supplierSku: "IPHONE12-64GB-A", quantity: 2, unitPrice: "231.00" },
    { sku: "PIXEL7-128GB-B", supplierSku: "PIXEL7-128GB-B", quantity: 1, unitPrice: "192.50" },
  ],
  unknownLine: { sku: "NOKIA3310-A", supplierSku: "NOKIA3310-A", quantity: 1, unitPrice: "10.00" },
  wrongCredentials: { apiKey: "px_wrong" },
  captured,
  sim: {
    created: (o) => held(o.idempotencyKey),
    held: () => sim.state.orders.size,
    advance: (o) => void sim.advance(orderOf(o.reference)),
    failBeforeCreate: () => void sim.configure({ failureRate: 1 }),
    failAfterCreate: () => void sim.configure({ failAfterCreateRate: 1 }),
    answerLate: () => void sim.configure({ latencyMs: 1000 }),
    // The simulator has no knob for a 429: msw answers it as PhoneX would (the contract's 429 with Retry-After).
    rateLimit: async () =>
      void server.use(
        http.post(`${BASE}/v1/orders`, () =>
          HttpResponse.json({ error: { code: "rate_limited", message: "slow down" } }, { status: 429, headers: { "Retry-After": "7" } }),
        ),
      ),
    healthy: () => void sim.configure({ failureRate: 0, failAfterCreateRate: 0, latencyMs: 0 }),
  },
  inventoryItems: phonexCatalog.length,
  webhooks: {
    delivered: async () => {
      await sim.idle();
      return [...deliveries];
    },
  },
});
