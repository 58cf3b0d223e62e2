import { money } from "../../money";
import type { SupplierOrderStatus } from "../../orders/status-model";
import { SupplierError, type CreateSupplierOrderInput, type InventoryItem, type SupplierOrderSnapshot } from "../types";
import type { CjCreateOrderRequest, CjFreightOption, CjOrderDetail, CjOrderStatus, CjStockRow, CjVariant } from "./schemas";

/**
 * CJ ⇄ our types, at the edge.
 *
 * Status: CREATED, IN_CART and UNPAID all mean "CJ has the order, nothing is
 * paid or moving yet" → submitted. UNSHIPPED means paid and in CJ's fulfilment
 * queue (CJ buys, checks and packs from here; nothing is left for it to accept
 * or refuse) → processing. `accepted` is skipped, which the status model allows.
 */
const STATUS: Record<CjOrderStatus, SupplierOrderStatus> = {
  CREATED: "submitted",
  IN_CART: "submitted",
  UNPAID: "submitted",
  UNSHIPPED: "processing",
  SHIPPED: "shipped",
  DELIVERED: "delivered",
  CANCELLED: "canceled",
};

export function mapCjStatus(status: CjOrderStatus): SupplierOrderStatus {
  return STATUS[status];
}

/** Orders CJ still lets us delete (before confirmation/payment). */
export const CJ_DELETABLE: ReadonlySet<CjOrderStatus> = new Set(["CREATED", "IN_CART", "UNPAID"]);

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "US" → "United States" (CJ wants the name beside the code). */
export function countryName(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The createOrderV2 body of docs/suppliers.md (CJ), key for key. */
export function toCjOrderBody(input: CreateSupplierOrderInput, opts: { logisticName: string; fromCountryCode: string; payType: 2 | 3 }): CjCreateOrderRequest {
  const a = input.shippingAddress;
  if (input.idempotencyKey.length > 50) {
    throw new SupplierError(`cj.createOrder: orderNumber ${input.idempotencyKey.slice(0, 60)} is over CJ's 50 characters`, "permanent", {
      code: "invalid_params",
    });
  }
  return {
    // Our supplier-order id: CJ refuses a second order with it (1603003), so it is the idempotency key.
    orderNumber: input.idempotencyKey,
    shippingCountryCode: a.country.toUpperCase(),
    shippingCountry: countryName(a.country),
    shippingProvince: a.region ?? "",
    shippingCity: a.city,
    shippingCustomerName: a.name,
    shippingAddress: [a.line1, a.line2].filter((x) => x && x.trim()).join(", "),
    shippingZip: a.postalCode,
    shippingPhone: a.phone ?? "",
    logisticName: opts.logisticName,
    fromCountryCode: opts.fromCountryCode,
    payType: opts.payType,
    products: input.items.map((i) => ({ vid: i.supplierSku, quantity: i.quantity })),
  };
}

/** The cheapest line; ties go to the first CJ listed. None at all is permanent: CJ cannot ship there. */
export function pickLogistic(options: CjFreightOption[], route: string): CjFreightOption {
  const best = options.reduce<CjFreightOption | null>((min, o) => (min === null || o.logisticPrice < min.logisticPrice ? o : min), null);
  if (!best) throw new SupplierError(`cj.freightCalculate: no shipping method for ${route}`, "permanent", { code: "invalid_logistic" });
  return best;
}

export function toSnapshot(o: CjOrderDetail): SupplierOrderSnapshot {
  return {
    reference: o.orderNumber,
    supplierOrderId: o.orderId,
    status: mapCjStatus(o.orderStatus),
    trackingNumber: o.trackNumber ?? null,
    carrier: o.logisticName ?? null,
    trackingUrl: o.trackingUrl ?? null,
    updatedAt: o.updateDate ?? null,
  };
}

export type CjWarehouseStock = { warehouse: string; countryCode: string; quantity: number };

export function rowQuantity(r: CjStockRow): number {
  return r.totalInventoryNum ?? r.storageNum ?? (r.cjInventoryNum ?? 0) + (r.factoryInventoryNum ?? 0);
}

export function toWarehouseStock(rows: CjStockRow[]): CjWarehouseStock[] {
  return rows.map((r) => ({
    warehouse: r.areaEn ?? r.countryCode ?? "unknown",
    countryCode: (r.countryCode ?? "").toUpperCase(),
    quantity: rowQuantity(r),
  }));
}

export const totalQuantity = (rows: CjStockRow[]) => rows.reduce((n, r) => n + rowQuantity(r), 0);

const GRADE = /(?:^|[\s-])(?:grade\s*)?([ABC])$/i;
const STORAGE = /\b(\d+)\s?(GB|TB)\b/i;

/**
 * CJ has no brand/model/storage/color/grade fields, only names and a variant
 * key ("Midnight-128GB-B"). This reads them out, best effort, for import and
 * display; matching always goes by vid.
 */
export function describeVariant(v: CjVariant, productName?: string | null) {
  const key = (v.variantKey ?? "")
    .split("-")
    .map((s) => s.trim())
    .filter(Boolean);
  const title = (productName ?? v.variantNameEn ?? v.variantName ?? "")
    .replace(/\(.*?\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const storage = STORAGE.exec(v.variantKey ?? "")?.[0] ?? STORAGE.exec(title)?.[0] ?? "";
  const grade = (
    GRADE.exec(v.variantSku)?.[1] ??
    GRADE.exec(v.variantKey ?? "")?.[1] ??
    /grade\s*([ABC])/i.exec(v.variantNameEn ?? "")?.[1] ??
    ""
  ).toUpperCase();
  const color = key.find((k) => !STORAGE.test(k) && !/^(grade\s*)?[ABC]$/i.test(k)) ?? "";
  const [brand = "", ...rest] = title.split(" ");
  const drop = new Set([storage.toLowerCase(), color.toLowerCase(), "grade", grade.toLowerCase()]);
  const model = rest
    .filter((w) => !drop.has(w.toLowerCase()))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  return { brand, model, storage: storage.replace(/\s/g, "").toUpperCase(), color, grade };
}

export function toInventoryItem(v: CjVariant, quantity: number, productName?: string | null): InventoryItem {
  const d = describeVariant(v, productName);
  return {
    supplierSku: v.vid,
    // The variant SKU, which for phones listed for us follows the portal's scheme.
    sku: v.variantSku,
    name: v.variantNameEn ?? v.variantName ?? productName ?? v.variantSku,
    ...d,
    quantity,
    unitPrice: money(v.variantSellPrice),
    currency: "USD",
  };
}
