import { z } from "zod";
import { QUEUES, type QueueName } from "./names";

/**
 * Job definitions: name, queue and zod payload. Producers validate before
 * enqueueing; the worker re-parses before handling (a payload written by an
 * older version, or by hand, is rejected with a clear reason).
 *
 * `subject` names what a job works on; the outbox row carries it, so the
 * recovery pass can tell from Postgres alone whether a supplier order, an
 * email or a webhook event already has its job (lib/ops/recover-work.ts).
 */
export const jobs = {
  forwardSupplierOrder: {
    queue: QUEUES.forward,
    name: "forward-supplier-order",
    payload: z.object({ supplierOrderId: z.string().min(1) }),
    subject: (p: { supplierOrderId: string }) => `forward:${p.supplierOrderId}`,
  },
  cancelOrder: {
    queue: QUEUES.orders,
    name: "cancel-order",
    payload: z.object({ orderId: z.string().min(1), requestedBy: z.string().min(1) }),
    subject: (p: { orderId: string }) => `cancel:${p.orderId}`,
  },
  processWebhook: {
    queue: QUEUES.webhooks,
    name: "process-webhook",
    /** actionId: an ops replay or attach (WebhookEventAction) whose outcome this run records. */
    payload: z.object({ webhookEventId: z.string().min(1), actionId: z.string().min(1).optional() }),
    subject: (p: { webhookEventId: string }) => `webhook:${p.webhookEventId}`,
  },
  pollSupplierOrder: {
    queue: QUEUES.orders,
    name: "poll-supplier-order",
    payload: z.object({ supplierOrderId: z.string().min(1) }),
    subject: (p: { supplierOrderId: string }) => `poll:${p.supplierOrderId}`,
  },
  reconcileOrders: {
    queue: QUEUES.maintenance,
    name: "reconcile-orders",
    payload: z.object({}).passthrough(),
    subject: () => "reconcile",
  },
  /** The fleet-wide recovery pass (lib/ops/recover-work.ts), on a job scheduler. */
  recoverWork: {
    queue: QUEUES.maintenance,
    name: "recover-work",
    payload: z.object({}).passthrough(),
    subject: () => "recover",
  },
  /** A tick of the outbound webhook deliveries (workers/webhook-drainer.ts), on a job scheduler. */
  deliverWebhooks: {
    queue: QUEUES.maintenance,
    name: "deliver-webhooks",
    payload: z.object({}).passthrough(),
    subject: () => "deliver-webhooks",
  },
  /** A tick of the offer expiry (lib/offers/expire-offers.ts), on a job scheduler. */
  expireOffers: {
    queue: QUEUES.maintenance,
    name: "expire-offers",
    payload: z.object({}).passthrough(),
    subject: () => "expire-offers",
  },
  /** A pass of the exceptions queue (lib/ops/exceptions/scan-exceptions.ts), on a job scheduler. */
  scanExceptions: {
    queue: QUEUES.maintenance,
    name: "scan-exceptions",
    payload: z.object({}).passthrough(),
    subject: () => "scan-exceptions",
  },
  /** A tick of the supplier scores routing reads (lib/scorecards/refresh-supplier-scores.ts), on a job scheduler. */
  refreshSupplierScores: {
    queue: QUEUES.maintenance,
    name: "refresh-supplier-scores",
    payload: z.object({}).passthrough(),
    subject: () => "refresh-supplier-scores",
  },
  /** An accepted offer the buyer asked to be ordered on acceptance (lib/offers/order-on-acceptance.ts). */
  orderAcceptedOffer: {
    queue: QUEUES.orders,
    name: "order-accepted-offer",
    payload: z.object({ offerId: z.string().min(1) }),
    subject: (p: { offerId: string }) => `offer-order:${p.offerId}`,
  },
  sendEmail: {
    queue: QUEUES.email,
    name: "send-email",
    payload: z.object({ notificationId: z.string().min(1) }),
    subject: (p: { notificationId: string }) => `email:${p.notificationId}`,
  },
  /** One supplier's stock or full catalog sync (lib/catalog/sync); scheduled per supplier, or "sync now". */
  catalogSync: {
    queue: QUEUES.catalogSync,
    name: "catalog-sync",
    payload: z.object({
      supplierId: z.string().min(1),
      kind: z.enum(["stock", "catalog"]),
      trigger: z.enum(["schedule", "manual"]).default("schedule"),
    }),
    subject: (p: { supplierId: string; kind: string }) => `sync:${p.supplierId}:${p.kind}`,
  },
} as const;

export type JobKey = keyof typeof jobs;
export type JobPayload<K extends JobKey> = z.infer<(typeof jobs)[K]["payload"]>;

export function jobByName(queue: QueueName | string, name: string) {
  return Object.values(jobs).find((j) => j.queue === queue && j.name === name);
}
