import type { CjCreateOrderRequest, CjOrderStatus } from "../../../lib/suppliers/cj/schemas";
import { cjDateString } from "./respond";

/**
 * One CJ order inside the simulator and how it moves:
 * CREATED → UNSHIPPED (paid from the balance) → SHIPPED (tracking number,
 * logisticName, trackingUrl) → DELIVERED, or CREATED → CANCELLED when deleted.
 * A payType 3 order (create only) waits in CREATED until advanced by hand, as
 * it would wait for someone to pay it in CJ. Pure functions; the simulator owns
 * timers and delivery.
 */
export type SimOrder = {
  orderId: string;
  orderNumber: string;
  request: CjCreateOrderRequest;
  orderStatus: CjOrderStatus;
  productAmount: number;
  postageAmount: number;
  trackNumber: string | null;
  trackingUrl: string | null;
  createdAt: number;
  paidAt: number | null;
  shippedAt: number | null;
  deliveredAt: number | null;
  updatedAt: number;
};

export const TERMINAL: ReadonlySet<CjOrderStatus> = new Set(["DELIVERED", "CANCELLED"]);

export type Step = { status: CjOrderStatus; trackNumber?: string; trackingUrl?: string };

export function nextStep(o: SimOrder, seq: number): Step | null {
  switch (o.orderStatus) {
    case "CREATED":
    case "IN_CART":
    case "UNPAID":
      return { status: "UNSHIPPED" };
    case "UNSHIPPED": {
      // CJPacket-shaped: CJPKL + 8 digits + a two-letter route suffix.
      const trackNumber = `CJPKL${String(71601021 + seq * 7919).slice(-8)}YQ`;
      return { status: "SHIPPED", trackNumber, trackingUrl: `https://www.cjpacket.com/?trackingNumber=${trackNumber}` };
    }
    case "SHIPPED":
      return { status: "DELIVERED" };
    default:
      return null;
  }
}

export function applyStep(o: SimOrder, step: Step, now: number): void {
  o.orderStatus = step.status;
  if (step.trackNumber) o.trackNumber = step.trackNumber;
  if (step.trackingUrl) o.trackingUrl = step.trackingUrl;
  if (step.status === "UNSHIPPED") o.paidAt = now;
  if (step.status === "SHIPPED") o.shippedAt = now;
  if (step.status === "DELIVERED") o.deliveredAt = now;
  o.updatedAt = now;
}

const date = (ms: number | null) => (ms === null ? null : cjDateString(ms));
const money = (n: number) => Math.round(n * 100) / 100;

/** GET /shopping/order/getOrderDetail data. */
export function orderDetail(o: SimOrder) {
  const r = o.request;
  return {
    orderId: o.orderId,
    orderNumber: o.orderNumber,
    shippingCountryCode: r.shippingCountryCode,
    shippingProvince: r.shippingProvince,
    shippingCity: r.shippingCity,
    shippingAddress: r.shippingAddress,
    shippingCustomerName: r.shippingCustomerName,
    shippingPhone: r.shippingPhone,
    shippingZip: r.shippingZip,
    fromCountryCode: r.fromCountryCode,
    logisticName: r.logisticName,
    trackNumber: o.trackNumber,
    trackingUrl: o.trackingUrl,
    orderStatus: o.orderStatus,
    productAmount: money(o.productAmount),
    postageAmount: money(o.postageAmount),
    orderAmount: money(o.productAmount + o.postageAmount),
    createDate: date(o.createdAt),
    paymentDate: date(o.paidAt),
    updateDate: date(o.updatedAt),
    productList: r.products.map((p) => ({ vid: p.vid, quantity: p.quantity })),
  };
}

/** The ORDER webhook's params. */
export function orderMessageParams(o: SimOrder) {
  return {
    orderNumber: o.orderNumber,
    cjOrderId: o.orderId,
    orderStatus: o.orderStatus,
    logisticName: o.request.logisticName,
    trackNumber: o.trackNumber,
    trackingUrl: o.trackingUrl,
    createDate: date(o.createdAt),
    updateDate: date(o.updatedAt),
    payDate: date(o.paidAt),
    deliveryDate: date(o.shippedAt),
    completeDate: date(o.deliveredAt),
  };
}

/** The LOGISTIC webhook's params, sent once the order has a tracking number. */
export function logisticMessageParams(o: SimOrder) {
  const delivered = o.orderStatus === "DELIVERED";
  const events = [{ status: 1, activity: "Departed warehouse", location: o.request.fromCountryCode, eventTime: date(o.shippedAt) }];
  if (delivered) events.push({ status: 12, activity: "Delivered", location: o.request.shippingCity, eventTime: date(o.deliveredAt) });
  return {
    orderId: o.orderId,
    storeOrderNumbers: [o.orderNumber],
    logisticName: o.request.logisticName,
    trackingNumber: o.trackNumber,
    trackingUrl: o.trackingUrl,
    trackingProvider: o.request.logisticName,
    trackingStatus: delivered ? 12 : 1,
    // CJ sends the events as a JSON-encoded string, not an array.
    logisticsTrackEvents: JSON.stringify(events),
  };
}
