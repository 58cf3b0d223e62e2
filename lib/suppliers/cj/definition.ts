import { z } from "zod";
import { defineSupplierKind } from "../kind-definition";
import { requiredSecret } from "../credential-values";

/**
 * CJ Dropshipping, API 2.0 (docs/suppliers.md (CJ)): what the kind is, without
 * its adapter (lib/suppliers/cj/kind.ts adds it).
 */
export const cjDefinition = defineSupplierKind({
  id: "cj",
  label: "CJ Dropshipping",
  brandNames: ["CJ"],
  endpointHint: "https://developers.cjdropshipping.com/api2.0/v1",
  credentials: {
    schema: z.strictObject({
      apiKey: requiredSecret,
      openId: requiredSecret.optional(),
      qps: z
        .string()
        .trim()
        .regex(/^[1-9][0-9]{0,2}$/, "A whole number from 1 to 999")
        .optional(),
      fromCountryCode: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, "A 2-letter country code")
        .optional(),
      payType: z.enum(["2", "3"], { error: "2 (pay from balance) or 3 (create only)" }).optional(),
    }),
    fields: [
      { name: "apiKey", label: "API key", required: true, secret: true },
      { name: "openId", label: "Open ID", required: false, secret: true, hint: "CJ signs its webhooks with it" },
      { name: "qps", label: "QPS", required: false, secret: false, hint: "The account tier's requests per second (Free 1 … Advanced 6)" },
      { name: "fromCountryCode", label: "Ship-from country", required: false, secret: false, hint: "Warehouse country, default CN" },
      {
        name: "payType",
        label: "Pay type",
        required: false,
        secret: false,
        options: [
          { value: "2", label: "2: pay from the CJ balance (default)" },
          { value: "3", label: "3: create only, pay in CJ" },
        ],
      },
    ],
  },
  // CJ deletes an order only before it is paid; after that cancelOrder refuses (not_cancelable).
  capabilities: { orderStatus: "webhooks", inventoryFeed: true, cancel: true, productImport: true, priceList: false },
  // orderNumber (≤ 50) is our supplier-order id: unique per supplier order, and CJ's idempotency key.
  reference: "supplier-order-id",
  // `sign` is the signature itself: kept only as "[present]".
  webhook: { keepHeaders: [], presentHeaders: ["sign"], secretNote: "No extra secret: CJ webhooks are verified with the Open ID." },
  poll: { open: "reconcile", shipped: "reconcile", shippedForDays: null },
});
