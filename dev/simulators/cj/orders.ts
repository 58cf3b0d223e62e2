import { cjCreateOrderRequestSchema, cjFreightRequestSchema } from "../../../lib/suppliers/cj/schemas";
import type { CjWarehouseCode } from "../../../prisma/demo-data/cj-catalog";
import type { CjSimulatorKnobs } from "./knobs";
import { orderDetail, type SimOrder } from "./lifecycle";
import { findVariant, type ProductsCtx } from "./products";
import { fail, json, ok, readJson, sleep } from "./respond";

/**
 * The simulator's order and logistics endpoints: POST /logistic/freightCalculate,
 * POST /shopping/order/createOrderV2 (orderNumber unique: a repeat is 1603003),
 * GET /shopping/order/getOrderDetail, DELETE /shopping/order/deleteOrder and
 * GET /logistic/trackInfo, with the failure knobs that matter for creation.
 */
export type OrdersState = {
  /** By orderNumber (our supplier-order id). */
  orders: Map<string, SimOrder>;
  /** orderNumber → orders created with it; "exactly one CJ order" means every value is 1. */
  createdByNumber: Map<string, number>;
  stats: { createCalls: number; duplicateCreates: number; simulatedFailures: number };
};

export type OrdersCtx = {
  state: OrdersState;
  products: ProductsCtx;
  knobs: () => CjSimulatorKnobs;
  random: () => number;
  now: () => number;
  nextOrderId: () => string;
  /** Schedules the order and reports stock changes (STOCK webhooks). */
  onCreated: (o: SimOrder, vids: string[]) => void;
  onCanceled: (o: SimOrder) => void;
  /** Aborted by reset/close, so a held (hanging) answer does not outlive its test. */
  signal: () => AbortSignal;
};

const round = (n: number) => Math.round(n * 100) / 100;

/** Per route; CJPacket from CN is the cheapest, listed second on purpose. DHL's price comes as a string, as CJ sometimes sends. */
export function freightOptions(from: string, to: string, units: number) {
  if (from === "US") {
    if (to !== "US") return [];
    return [
      { logisticName: "USPS+", logisticAging: "2-5", logisticPrice: round(4.71 + 0.6 * units) },
      { logisticName: "CJPacket US", logisticAging: "3-6", logisticPrice: round(5.2 + 0.55 * units) },
    ];
  }
  return [
    { logisticName: "DHL Official", logisticAging: "3-7", logisticPrice: round(32.5 + 2.1 * units).toFixed(2) },
    { logisticName: "CJPacket", logisticAging: "7-12", logisticPrice: round(5.8 + 0.9 * units) },
    { logisticName: "YunExpress", logisticAging: "8-15", logisticPrice: round(6.4 + 1.0 * units) },
  ];
}

export async function freightCalculate(ctx: OrdersCtx, req: Request): Promise<Response> {
  const read = await readJson(req);
  if (!read.ok) return read.response;
  const parsed = cjFreightRequestSchema.safeParse(read.body);
  if (!parsed.success) return fail(1600300, `Param error: ${parsed.error.issues[0]?.path.join(".") || "body"}`);
  const b = parsed.data;
  const unknown = b.products.find((p) => !findVariant(ctx.products, p.vid));
  if (unknown) return fail(1602000, `Variant not found: ${unknown.vid}`);
  return ok(
    freightOptions(
      b.startCountryCode,
      b.endCountryCode,
      b.products.reduce((n, p) => n + p.quantity, 0),
    ),
  );
}

export async function createOrderV2(ctx: OrdersCtx, req: Request): Promise<Response> {
  const read = await readJson(req);
  // From here on nothing awaits until the order is stored, so concurrent repeats cannot interleave.
  const { state } = ctx;
  const k = ctx.knobs();
  state.stats.createCalls++;
  if (ctx.random() < k.failureRate) {
    state.stats.simulatedFailures++;
    return json(500, { code: 500, result: false, message: "Simulated failure; nothing was created", data: null });
  }
  if (!read.ok) return read.response;
  const parsed = cjCreateOrderRequestSchema.safeParse(read.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(1600300, `Param error: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  const body = parsed.data;
  if (state.orders.has(body.orderNumber)) {
    state.stats.duplicateCreates++;
    return fail(1603003, `Order number ${body.orderNumber} already exists`);
  }
  const variants = body.products.map((p) => ({ p, v: findVariant(ctx.products, p.vid) }));
  const missing = variants.find((x) => !x.v);
  if (missing) return fail(1602000, `Variant not found: ${missing.p.vid}`);
  const units = body.products.reduce((n, p) => n + p.quantity, 0);
  const line = freightOptions(body.fromCountryCode, body.shippingCountryCode, units).find((o) => o.logisticName === body.logisticName);
  if (!line) return fail(1605001, `Invalid logistic ${body.logisticName} from ${body.fromCountryCode} to ${body.shippingCountryCode}`);
  if (k.insufficientBalance && body.payType === 2) return fail(1604000, "Insufficient balance");

  const now = ctx.now();
  const order: SimOrder = {
    orderId: ctx.nextOrderId(),
    orderNumber: body.orderNumber,
    request: body,
    orderStatus: "CREATED",
    productAmount: variants.reduce((sum, { p, v }) => sum + v!.variantSellPrice * p.quantity, 0),
    postageAmount: Number(line.logisticPrice),
    trackNumber: null,
    trackingUrl: null,
    createdAt: now,
    paidAt: null,
    shippedAt: null,
    deliveredAt: null,
    updatedAt: now,
  };
  state.orders.set(order.orderNumber, order);
  state.createdByNumber.set(order.orderNumber, (state.createdByNumber.get(order.orderNumber) ?? 0) + 1);
  // CJ reserves stock at the ship-from warehouse; it never goes below zero here.
  const from = (body.fromCountryCode === "US" ? "US" : "CN") as CjWarehouseCode;
  for (const { p, v } of variants) {
    const s = ctx.products.stock.get(v!.vid) ?? { ...v!.stock };
    s[from] = Math.max(0, s[from] - p.quantity);
    ctx.products.stock.set(v!.vid, s);
  }
  ctx.onCreated(order, [...new Set(body.products.map((p) => p.vid))]);

  const d = orderDetail(order);
  const answer = ok({
    orderId: d.orderId,
    orderNumber: d.orderNumber,
    orderStatus: d.orderStatus,
    orderAmount: d.orderAmount,
    productAmount: d.productAmount,
    postageAmount: d.postageAmount,
    logisticName: d.logisticName,
  });
  if (ctx.random() < k.failAfterCreateRate) {
    state.stats.simulatedFailures++;
    if (k.failAfterCreateMode === "timeout") {
      // CJ created the order but the answer never reaches the client in time.
      await sleep(k.hangMs, ctx.signal());
      return answer;
    }
    return json(500, { code: 500, result: false, message: "Simulated failure after the order was created", data: null });
  }
  return answer;
}

function findOrder(ctx: OrdersCtx, id: string | null): SimOrder | undefined {
  if (!id) return undefined;
  return ctx.state.orders.get(id) ?? [...ctx.state.orders.values()].find((o) => o.orderId === id);
}

export function getOrderDetail(ctx: OrdersCtx, url: URL): Response {
  const order = findOrder(ctx, url.searchParams.get("orderId"));
  return order ? ok(orderDetail(order)) : fail(1603100, "Order not found");
}

export function deleteOrder(ctx: OrdersCtx, url: URL): Response {
  const order = findOrder(ctx, url.searchParams.get("orderId"));
  if (!order) return fail(1603100, "Order not found");
  if (!["CREATED", "IN_CART", "UNPAID"].includes(order.orderStatus)) {
    return fail(1600300, `Param error: an order in status ${order.orderStatus} cannot be deleted`);
  }
  order.orderStatus = "CANCELLED";
  order.updatedAt = ctx.now();
  ctx.onCanceled(order);
  return ok(order.orderId);
}

export function trackInfo(ctx: OrdersCtx, url: URL): Response {
  const number = url.searchParams.get("trackNumber");
  if (!number) return fail(1600300, "Param error: trackNumber is required");
  const o = [...ctx.state.orders.values()].find((x) => x.trackNumber === number);
  if (!o) return ok([]);
  const delivered = o.orderStatus === "DELIVERED";
  return ok([
    {
      trackingNumber: number,
      logisticName: o.request.logisticName,
      trackingFrom: o.request.fromCountryCode,
      trackingTo: o.request.shippingCountryCode,
      deliveryDay: delivered && o.shippedAt && o.deliveredAt ? Math.max(1, Math.round((o.deliveredAt - o.shippedAt) / 86_400_000)) : null,
      deliveryTime: null,
      trackingStatus: delivered ? "Delivered" : "In transit",
      lastMileCarrier: o.request.shippingCountryCode === "US" ? "USPS" : null,
      lastTrackNumber: null,
    },
  ]);
}
