import { z } from "zod";
import { defineSupplierKind } from "../kind-definition";
import { requiredSecret } from "../credential-values";

/**
 * PhoneX, the middleware (docs/suppliers.md (PhoneX), docs/api.md (PhoneX webhooks)):
 * what the kind is, without its adapter (lib/suppliers/phonex/kind.ts adds it).
 */
export const phonexDefinition = defineSupplierKind({
  id: "phonex",
  label: "PhoneX (middleware)",
  brandNames: ["PhoneX"],
  endpointHint: "https://api.phonex.example",
  credentials: {
    schema: z.strictObject({ apiKey: requiredSecret }),
    fields: [{ name: "apiKey", label: "API key", required: true, secret: true }],
  },
  capabilities: { orderStatus: "webhooks", inventoryFeed: true, cancel: true, productImport: false, priceList: false },
  // PhoneX takes our order number as its order_id.
  reference: "order-number",
  webhook: { keepHeaders: ["x-phonex-event-id", "x-phonex-timestamp"], presentHeaders: ["x-phonex-signature"] },
  poll: { open: "reconcile", shipped: "reconcile", shippedForDays: null },
});
