import { http, HttpResponse } from "msw";
import { createWscSimulator, wscCatalog } from "../../../dev/simulators/wesellcellular";
import { setupSimulatorMsw } from "../../../dev/simulators/kit/setup-simulator-msw";
import { describeAdapterContract } from "../../../tests/contracts/adapter-contract";
import { wesellcellularHandlers } from "../../../tests/msw/wesellcellular";
import type { SupplierConfig } from "../types";
import { WesellCellularAdapter } from "./adapter";
import { wesellcellularKind } from "./kind";
import { createMemoryTokenStore } from "./token-store";

// The shared adapter contract against the WesellCellular simulator (polling only, no cancel).
const BASE = "https://wsc-contract.test/api";
const EMAIL = "buyer@contract.test";
const PASSWORD = "wsc-contract-pw";
const sim = createWscSimulator({ email: EMAIL, password: PASSWORD, autoAdvance: false });
const { server, captured } = setupSimulatorMsw({ base: BASE, handlers: wesellcellularHandlers(BASE, sim), sim });

const config: SupplierConfig = {
  id: "sup_wsc",
  slug: "wesellcellular",
  kind: "wesellcellular",
  baseUrl: BASE,
  credentials: { email: EMAIL, password: PASSWORD },
  webhookSecrets: [],
  timeoutMs: 300,
  rateLimitPerSec: 5,
};
// WSC's `reference` is our supplier-order id, the idempotency key.
const orderOf = (key: string) => sim.find(key)!;

describeAdapterContract(wesellcellularKind, {
  config,
  adapter: (c) => new WesellCellularAdapter({ ...config, ...c }, undefined, { tokenStore: createMemoryTokenStore(), pageSize: 5 }),
  lines: [
    { sku: "IPHONE13-128GB-A", supplierSku: "WSC-100201", quantity: 2, unitPrice: "319.00" },
    { sku: "PIXEL7-128GB-A", supplierSku: "WSC-300101", quantity: 1, unitPrice: "214.50" },
  ],
  unknownLine: { sku: "NOKIA3310-A", supplierSku: "WSC-999999", quantity: 1, unitPrice: "10.00" },
  wrongCredentials: { email: EMAIL, password: "not-the-password" },
  captured,
  sim: {
    created: (o) => sim.state.createdByReference.get(o.idempotencyKey) ?? 0,
    held: () => sim.state.orders.size,
    advance: (o) => void sim.advance(orderOf(o.idempotencyKey)),
    failBeforeCreate: () => void sim.configure({ failureRate: 1 }),
    failAfterCreate: () => void sim.configure({ failAfterCreateRate: 1 }),
    answerLate: () => void sim.configure({ latencyMs: 1000 }),
    // The simulator has no knob for a 429: msw answers it.
    rateLimit: async () =>
      void server.use(
        http.post(`${BASE}/sales-orders`, () =>
          HttpResponse.json({ code: "rate_limited", message: "slow down" }, { status: 429, headers: { "Retry-After": "7" } }),
        ),
      ),
    healthy: () => void sim.configure({ failureRate: 0, failAfterCreateRate: 0, latencyMs: 0 }),
  },
  // Out-of-stock items are not listed (includeOutOfStock=false).
  inventoryItems: wscCatalog.filter((i) => i.quantity > 0).length,
});
