import { SupplierError, type SupplierEvent } from "../types";
import { mapCjStatus, rowQuantity, toWarehouseStock, type CjWarehouseStock } from "./map";
import type { CjInventoryRefs } from "./inventory";
import { CJ_MESSAGE_TYPES, cjWebhookSchema, type CjWebhookBody } from "./schemas";

/**
 * CJ webhook bodies `{ messageId, type, messageType, params }` → SupplierEvent.
 *
 * What a message says is a hint, not the truth: nothing in it is signed with a
 * time, so an old message replayed later verifies as well as a new one. Order
 * messages are therefore confirmed by reading the order back
 * (CjAdapter.confirmOrderEvent). Inventory messages are hints for the same
 * reason, and none carries a whole InventoryItem anyway (STOCK has quantities
 * without prices, VARIANT prices without quantities, PRODUCT neither), so they
 * parse to an inventory event with no items, naming the variants and products
 * to re-read; CjAdapter.confirmInventoryEvent reads them and fills `items`.
 */
export const CJ_WEBHOOK_SUCCESS = { code: 200, result: "success" } as const;

export type CjInventoryEvent = Extract<SupplierEvent, { kind: "inventory" }> & {
  /** Variants and products the message is about; confirmInventoryEvent re-reads them. */
  refs: CjInventoryRefs;
  /** STOCK messages: the quantities they claimed, per variant and warehouse (informative). */
  stock: { vid: string; quantity: number; warehouses: CjWarehouseStock[] }[];
};

/** CJ's trackingStatus 12 is "signed for"; every other logistics update means it is on its way. */
const TRACKING_DELIVERED = 12;

/**
 * CJ sends some ids as bare JSON numbers (cjOrderId: 210823100016290555), past
 * what a JS number holds exactly; JSON.parse would silently change the digits.
 * Those values are quoted before parsing so the id arrives intact.
 */
const BIG_ID = /("(?:cjOrderId|orderId|openId|pid|vid|messageId)"\s*:\s*)(-?\d{16,})(?=\s*[,}\]])/g;

/** JSON.parse for CJ bodies, with long numeric ids kept as exact strings. */
export function parseCjJson(raw: Buffer | string): unknown {
  return JSON.parse((typeof raw === "string" ? raw : raw.toString("utf8")).replace(BIG_ID, '$1"$2"'));
}

export function parseCjWebhook(rawBody: Buffer, eventId: string): SupplierEvent {
  let json: unknown;
  try {
    json = parseCjJson(rawBody);
  } catch {
    throw new SupplierError("cj webhook: body is not JSON", "permanent", { code: "malformed" });
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type === "string" && !(CJ_MESSAGE_TYPES as readonly string[]).includes(type)) {
    // Told apart from "malformed" so a topic CJ adds later can be stored rather than refused.
    throw new SupplierError(`cj webhook: unknown type ${type.slice(0, 64)}`, "permanent", { code: "unknown_event" });
  }
  const parsed = cjWebhookSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "body";
    throw new SupplierError(`cj webhook: malformed at ${where}`, "permanent", { code: "malformed" });
  }
  return toSupplierEvent(parsed.data, eventId);
}

function eventTypeOf(body: CjWebhookBody): string {
  return `${body.type}.${body.messageType}`.toLowerCase();
}

export function toSupplierEvent(body: CjWebhookBody, eventId: string): SupplierEvent {
  const eventType = eventTypeOf(body);
  switch (body.type) {
    case "ORDER": {
      const p = body.params;
      const reference = p.orderNumber ?? p.orderId ?? p.cjOrderId;
      if (!reference) throw new SupplierError("cj webhook: ORDER without orderNumber or orderId", "permanent", { code: "malformed" });
      return {
        kind: "order",
        eventId,
        eventType,
        reference,
        supplierOrderId: p.cjOrderId ?? p.orderId ?? null,
        status: mapCjStatus(p.orderStatus),
        trackingNumber: p.trackNumber ?? null,
        carrier: p.logisticName ?? null,
        trackingUrl: p.trackingUrl ?? null,
        reason: null,
        // Unsigned, so not trusted for ordering; the confirmed event carries the API's time.
        occurredAt: null,
      };
    }
    case "LOGISTIC": {
      const p = body.params;
      const reference = p.orderNumber ?? p.storeOrderNumbers?.find(Boolean) ?? p.orderId;
      if (!reference) throw new SupplierError("cj webhook: LOGISTIC without an order id", "permanent", { code: "malformed" });
      return {
        kind: "order",
        eventId,
        eventType,
        reference,
        supplierOrderId: p.orderId ?? null,
        status: p.trackingStatus === TRACKING_DELIVERED ? "delivered" : "shipped",
        trackingNumber: p.trackingNumber ?? p.trackNumber ?? null,
        carrier: p.logisticName ?? null,
        trackingUrl: p.trackingUrl ?? null,
        reason: null,
        occurredAt: null,
      };
    }
    case "STOCK": {
      const stock = Object.entries(body.params).map(([key, rows]) => ({
        vid: rows.find((r) => r.vid)?.vid ?? key,
        quantity: rows.reduce((n, r) => n + rowQuantity(r), 0),
        warehouses: toWarehouseStock(rows),
      }));
      return inventoryEvent(eventId, eventType, { pids: [], variantSkus: [], vids: stock.map((s) => s.vid) }, stock);
    }
    case "PRODUCT":
      return inventoryEvent(eventId, eventType, { pids: [body.params.pid], variantSkus: [], vids: [] }, []);
    case "VARIANT": {
      // A price change needs the product read; a variant named by vid alone still gets its stock re-read.
      const { pid, variantSku, vid } = body.params;
      if (pid) return inventoryEvent(eventId, eventType, { pids: [pid], variantSkus: [], vids: [] }, []);
      if (variantSku) return inventoryEvent(eventId, eventType, { pids: [], variantSkus: [variantSku], vids: [] }, []);
      return inventoryEvent(eventId, eventType, { pids: [], variantSkus: [], vids: [vid] }, []);
    }
  }
}

function inventoryEvent(eventId: string, eventType: string, refs: CjInventoryEvent["refs"], stock: CjInventoryEvent["stock"]): CjInventoryEvent {
  return { kind: "inventory", eventId, eventType, items: [], occurredAt: null, refs, stock };
}

export function isCjInventoryEvent(e: SupplierEvent): e is CjInventoryEvent {
  return e.kind === "inventory" && "refs" in e;
}
