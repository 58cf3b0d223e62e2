import type { SupplierType } from "../db/generated/enums";
import type { SupplierOrderStatus } from "../orders/status-model";

/**
 * The adapter interface every supplier implements (medusa-style provider).
 * Adapters speak the supplier's wire format and return our types; they never
 * touch the database. Errors are SupplierError: transient ones are retried,
 * permanent ones fail the order at once.
 */
/** A kind is a SupplierType value; each has its folder and its line in lib/suppliers/registry.ts. */
export type SupplierKind = SupplierType;

export type Address = {
  name: string;
  company?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
  phone?: string | null;
};

export type CreateSupplierOrderInput = {
  /** Our supplier-order id: the idempotency key at the supplier. */
  idempotencyKey: string;
  /** Our reference at the supplier (PhoneX order_id, CJ orderNumber, WSC reference). */
  reference: string;
  customerId: string;
  /** For a middleware (PhoneX): which wholesaler behind it. */
  upstream?: string;
  items: { sku: string; supplierSku: string; quantity: number; unitPrice: string }[];
  shippingAddress: Address;
  metadata?: Record<string, string>;
};

export type CreateSupplierOrderResult = {
  /** The supplier's own order id, when it gives one at once. */
  supplierOrderId: string | null;
  /** The supplier's id for our order object (PhoneX "px_…"), for the timeline. */
  externalId?: string;
  status: SupplierOrderStatus;
  raw?: unknown;
};

export type SupplierOrderSnapshot = {
  reference: string;
  supplierOrderId: string | null;
  status: SupplierOrderStatus;
  trackingNumber?: string | null;
  carrier?: string | null;
  trackingUrl?: string | null;
  updatedAt?: string | null;
};

export type CancelResult = { status: "cancel_requested" | "canceled" };

export type InventoryItem = {
  supplierSku: string;
  sku: string;
  name: string;
  brand: string;
  model: string;
  storage: string;
  color: string;
  grade: string;
  quantity: number;
  unitPrice: string;
  currency: string;
};

export type InventoryPage = { items: InventoryItem[]; nextCursor: string | null };

export type WebhookRequest = { headers: Headers; rawBody: Buffer; now?: Date };

export type WebhookVerification = { ok: true; eventId: string } | { ok: false; status: 401 | 400; reason: string };

/** A supplier event after parsing, in our terms. */
export type SupplierEvent =
  | {
      kind: "order";
      eventId: string;
      eventType: string;
      reference: string;
      supplierOrderId: string | null;
      status: SupplierOrderStatus;
      trackingNumber?: string | null;
      carrier?: string | null;
      trackingUrl?: string | null;
      reason?: string | null;
      occurredAt: string | null;
    }
  | {
      kind: "inventory";
      eventId: string;
      eventType: string;
      items: InventoryItem[];
      /** Quantities the supplier reported without a price (a stock-only read): they update existing offers' stock, cost stays. */
      stockOnly?: StockOnlyItem[];
      occurredAt: string | null;
    };

export type StockOnlyItem = { supplierSku: string; quantity: number };

/** How we name one of our supplier orders to its supplier: our reference, and the supplier's id once known. */
export type SupplierOrderRef = { reference: string; supplierOrderId: string | null };

export interface SupplierAdapter {
  readonly kind: SupplierKind;
  createOrder(input: CreateSupplierOrderInput): Promise<CreateSupplierOrderResult>;
  /**
   * Read an order back. Each adapter uses what its contract defines: PhoneX and
   * CJ look up by our reference; WesellCellular by its own id (the create's
   * answer), and a SupplierError (permanent, code "not_readable") without it.
   */
  getOrder(ref: SupplierOrderRef): Promise<SupplierOrderSnapshot>;
  cancelOrder(ref: SupplierOrderRef): Promise<CancelResult>;
  fetchInventory(cursor?: string | null): Promise<InventoryPage>;
  /** Verify a webhook over its raw bytes (before any parsing). */
  verifyWebhook(req: WebhookRequest): WebhookVerification;
  /** Parse a verified webhook body; throws SupplierError(permanent) when malformed. */
  parseWebhook(rawBody: Buffer, eventId: string): SupplierEvent;
  /**
   * For suppliers whose webhooks cannot be trusted alone (CJ signs no
   * timestamp, so a replay verifies): read the truth back from the API.
   */
  confirmEvent?(event: SupplierEvent): Promise<SupplierEvent>;
  /** What the supplier expects as a successful webhook answer (default: 202 { received: true }). */
  readonly webhookAck?: { status: number; body: Record<string, unknown> };
  /**
   * Kinds with the productImport capability: one product of the supplier's
   * catalog with its variants as items (and per-warehouse stock where known),
   * by the supplier's product id or a SKU. Unknown: a permanent SupplierError
   * with code "product_not_found".
   */
  importProduct?(ref: string): Promise<ImportableProduct>;
}

export type ImportableProduct = {
  /** The supplier's product id. */
  id: string;
  name: string | null;
  items: (InventoryItem & { warehouses: { warehouse: string; countryCode: string; quantity: number }[] })[];
};

/** Everything an adapter needs, decrypted, from the Supplier row and env. */
export type SupplierConfig = {
  id: string;
  slug: string;
  kind: SupplierKind;
  baseUrl: string;
  credentials: Record<string, string>;
  webhookSecrets: string[];
  timeoutMs: number;
  rateLimitPerSec: number;
  /** Failover bound: how long a line waits on this supplier before it may move to another offer. */
  failoverAfterMs?: number;
};

/** A hook adapters call around every HTTP request (call log, metrics, rate limit). */
export type CallObserver = ((call: {
  operation: string;
  method: string;
  url: string;
  statusCode: number | null;
  ok: boolean;
  durationMs: number;
  error?: string;
}) => void | Promise<void>) & {
  /** Runs before every request: waits for the supplier's rate limit, refuses while its circuit is open. */
  before?: (operation: string) => Promise<void>;
};

export class SupplierError extends Error {
  constructor(
    message: string,
    readonly kind: "transient" | "permanent",
    readonly details: { status?: number; code?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = "SupplierError";
  }
  get transient() {
    return this.kind === "transient";
  }
}

/** The supplier says it has no such order (a read-back by our reference answered 404 / CJ 1603100). */
export function isOrderNotFound(err: unknown): boolean {
  return err instanceof SupplierError && !err.transient && (err.details.status === 404 || err.details.code === "order_not_found");
}
