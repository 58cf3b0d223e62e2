import { jobs } from "../../lib/queue/jobs";
import type { JobHandler } from "../../lib/queue/run-job";
import { performCancel, recordCancelFailed } from "../../lib/orders/cancel-order";
import { pollSupplierOrder } from "../../lib/orders/poll-supplier-order";
import { reconcileOpenOrders } from "../../lib/orders/reconcile-open-orders";
import { recoverWork } from "../../lib/ops/recover-work";
import { sendDueStockDigests } from "../../lib/notifications/stock-digest";
import { kickWebhookDrainer } from "../webhook-drainer";
import { expireOffers } from "../../lib/offers/expire-offers";
import { orderAcceptedOffer } from "../../lib/offers/order-on-acceptance";
import { scanExceptions } from "../../lib/ops/exceptions/scan-exceptions";

export const cancelHandler: JobHandler = {
  async run(data) {
    const { orderId, requestedBy } = jobs.cancelOrder.payload.parse(data);
    await performCancel(orderId, requestedBy);
    return { kind: "done", result: { canceled: orderId } };
  },
  async exhausted(data, _ctx, reason) {
    const { orderId } = jobs.cancelOrder.payload.parse(data);
    await recordCancelFailed(orderId, reason);
  },
};

export const pollHandler: JobHandler = {
  async run(data) {
    const { supplierOrderId } = jobs.pollSupplierOrder.payload.parse(data);
    return { kind: "done", result: await pollSupplierOrder(supplierOrderId) };
  },
  // A poll is asked again by the next reconcile; nothing to settle.
  async exhausted() {},
};

export const reconcileHandler: JobHandler = {
  async run() {
    return { kind: "done", result: { queued: await reconcileOpenOrders() } };
  },
  async exhausted() {},
};

export const recoverHandler: JobHandler = {
  async run() {
    const recovered = await recoverWork();
    // The daily stock digests ride on the same fleet-wide pass: Postgres says what is due.
    const digests = await sendDueStockDigests();
    return { kind: "done", result: digests ? { ...recovered, stockDigests: digests } : recovered };
  },
  async exhausted() {},
};

/** Starts a drain of the due outbound webhook deliveries (unless one runs) and returns at once. */
export const deliverWebhooksHandler: JobHandler = {
  async run() {
    kickWebhookDrainer();
    return { kind: "done" };
  },
  async exhausted() {},
};

/** Offers whose time is up (open or countered past expiresAt, accepted past holdUntil) expire. */
export const expireOffersHandler: JobHandler = {
  async run() {
    return { kind: "done", result: { expired: await expireOffers() } };
  },
  async exhausted() {},
};

/** An accepted "order on acceptance" offer is ordered (lib/offers/order-on-acceptance.ts). */
export const orderAcceptedOfferHandler: JobHandler = {
  async run(data) {
    const { offerId } = jobs.orderAcceptedOffer.payload.parse(data);
    return { kind: "done", result: await orderAcceptedOffer(offerId) };
  },
  // Left accepted: the buyer still orders it by hand while the hold lasts.
  async exhausted() {},
};

/** A pass of the exceptions queue: opens what needs a human, clears what no longer does. */
export const scanExceptionsHandler: JobHandler = {
  async run() {
    return { kind: "done", result: await scanExceptions() };
  },
  async exhausted() {},
};
