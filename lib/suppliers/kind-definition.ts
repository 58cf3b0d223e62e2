import type { z } from "zod";
import type { CallObserver, SupplierAdapter, SupplierConfig, SupplierKind } from "./types";

/**
 * What a supplier kind says about itself, in the manner of cal.com's app-store
 * metadata: plain data and zod, no server-only import, so the admin form can
 * show it. Each kind's lives in lib/suppliers/<kind>/definition.ts; with its
 * adapter factory (lib/suppliers/<kind>/kind.ts) it is registered once, in
 * lib/suppliers/registry.ts.
 */
export type SupplierKindDefinition<Id extends SupplierKind = SupplierKind> = {
  /** The Prisma SupplierType value (Supplier.type). */
  id: Id;
  /** How the admin names the kind. */
  label: string;
  /** The API base URL shown as the endpoint field's placeholder. */
  endpointHint: string;
  /**
   * Names that give our sourcing away when they reach a reseller in a carrier
   * name or tracking link (CJ's own "CJPacket" line, a cjpacket.com link):
   * matched case-insensitively at the start of a word.
   */
  brandNames: readonly string[];
  /** The credential keys the adapter reads from SupplierConfig.credentials. */
  credentials: {
    /** Validates the whole stored object (strings only: the row keeps a JSON object of strings). */
    schema: z.ZodType<Record<string, string | undefined>>;
    /** What the form shows for each key; the same names as the schema's. */
    fields: readonly CredentialField[];
  };
  capabilities: SupplierCapabilities;
  /** Which of our ids names a supplier order at the supplier (SupplierOrder.reference). */
  reference: ReferenceRule;
  /** How signed events arrive; null for a kind that sends none (then capabilities.orderStatus is "polling"). */
  webhook: WebhookPolicy | null;
  /** How often the reconciler asks about an open order (lib/orders/reconcile-open-orders.ts). */
  poll: PollPolicy;
};

export type CredentialField = {
  name: string;
  label: string;
  required: boolean;
  hint?: string;
  secret: boolean;
  /** A closed set of values (the form shows a select). */
  options?: readonly { value: string; label: string }[];
};

export type SupplierCapabilities = {
  /** How order status reaches us: signed webhooks (polling only as a safety net), or polling alone. */
  orderStatus: "webhooks" | "polling";
  /** fetchInventory pages stock and prices for the catalog syncs. */
  inventoryFeed: boolean;
  /** cancelOrder reaches the supplier; false: it refuses at once (permanent "not_cancelable") and ops cancel by hand. */
  cancel: boolean;
  /** Single products can be imported from the supplier's catalog (the import page's product import). */
  productImport: boolean;
  /** Its accounts often have no API access, so its stock comes as an uploaded CSV price list (listed first there). */
  priceList: boolean;
};

/**
 * "order-number": our order number (one per order, so one supplier order per
 * order at that supplier); "supplier-order-id": our supplier-order id, which is
 * also the idempotency key.
 */
export type ReferenceRule = "order-number" | "supplier-order-id";

export type WebhookPolicy = {
  /** Headers stored with each event for ops (lower case), as sent. */
  keepHeaders: readonly string[];
  /** Headers stored only as "[present]" (a signature is never kept). */
  presentHeaders: readonly string[];
  /** Said under the webhook secret field when the kind needs no secret of ours. */
  secretNote?: string;
};

/**
 * "poll": after POLL_EVERY_MS without news; "reconcile": after RECONCILE_AFTER_MS
 * of quiet (the safety net for missed webhooks).
 */
export type PollRate = "poll" | "reconcile";

export type PollPolicy = {
  /** An open order that has not shipped. */
  open: PollRate;
  /** A shipped order (it may never say more than shipped). */
  shipped: PollRate;
  /** A shipped order is no longer asked about this many days after it was placed; null: until it ends. */
  shippedForDays: number | null;
};

/** The definition with its adapter: what the server registers (server-only, it imports the adapter). */
export type SupplierKindModule<Id extends SupplierKind = SupplierKind> = SupplierKindDefinition<Id> & {
  createAdapter(config: SupplierConfig, observer?: CallObserver): SupplierAdapter;
};

/** The part of a definition the browser needs, as plain serializable data. */
export type SupplierKindDescription = {
  id: SupplierKind;
  label: string;
  endpointHint: string;
  credentialFields: readonly CredentialField[];
  webhooks: boolean;
  webhookSecretNote: string | null;
};

export function describeSupplierKind(d: SupplierKindDefinition): SupplierKindDescription {
  return {
    id: d.id,
    label: d.label,
    endpointHint: d.endpointHint,
    credentialFields: d.credentials.fields,
    webhooks: d.webhook !== null,
    webhookSecretNote: d.webhook?.secretNote ?? null,
  };
}

/** Typed identity: keeps the literal id, checks the shape. */
export function defineSupplierKind<const Id extends SupplierKind>(d: SupplierKindDefinition<Id>): SupplierKindDefinition<Id> {
  return d;
}
