import { z } from "zod";
import { defineSupplierKind } from "../kind-definition";
import { requiredSecret } from "../credential-values";

/**
 * WesellCellular, direct (docs/suppliers.md (WesellCellular), an ASSUMED contract):
 * what the kind is, without its adapter (lib/suppliers/wesellcellular/kind.ts adds it).
 */
export const wesellcellularDefinition = defineSupplierKind({
  id: "wesellcellular",
  label: "WesellCellular (direct)",
  brandNames: ["WesellCellular", "Wesell"],
  endpointHint: "https://api.wesellcellular.example",
  credentials: {
    schema: z.strictObject({ email: z.string({ error: "Required" }).trim().email("Enter an email address"), password: requiredSecret }),
    fields: [
      { name: "email", label: "Account email", required: true, secret: false },
      { name: "password", label: "Account password", required: true, secret: true },
    ],
  },
  // The contract defines no cancel call and sends no webhooks; without API access stock comes as a CSV price list.
  capabilities: { orderStatus: "polling", inventoryFeed: true, cancel: false, productImport: false, priceList: true },
  // `reference` is our supplier-order id, and a repeat returns the existing order.
  reference: "supplier-order-id",
  webhook: null,
  // Polled until shipped; a shipped order only as often as a quiet one and not 30 days after it was
  // placed (the contract may never say more than Shipped, which is as final as it gets).
  poll: { open: "poll", shipped: "reconcile", shippedForDays: 30 },
});
